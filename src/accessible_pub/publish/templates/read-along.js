// Read along: the word being said is highlighted in the words under each player.
// Each word is a <span data-start data-end> (seconds into the audio), each sentence a <p> with
// the same; the page works without this script (the words are there, unhighlighted).
// Highlighting can be turned off, and the choice is remembered. With reduced motion asked for,
// nothing scrolls by itself: the highlight only moves from word to word.
(function () {
  "use strict";
  var KEY = "accessible-pub.highlight-words";
  var control = document.getElementById("highlight-words");
  var stillness = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var players = [];

  function remembered() {
    try {
      return window.localStorage.getItem(KEY) !== "off";
    } catch (e) {
      return true; // storage refused (a private window, a file page): on, as by default
    }
  }

  function remember(on) {
    try {
      window.localStorage.setItem(KEY, on ? "on" : "off");
    } catch (e) {
      /* not remembered: still applies to this page */
    }
  }

  var on = remembered();

  function inView(element) {
    var box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return false; // hidden (a closed <details>)
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.top >= 0 && box.bottom <= height;
  }

  // the last of `times` at or before t, or -1
  function lastAtOrBefore(times, t) {
    var low = 0, high = times.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (times[middle] <= t) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  function Player(box, audio) {
    this.audio = audio;
    this.words = Array.prototype.slice.call(box.querySelectorAll("span[data-start]"));
    this.starts = this.words.map(function (w) { return parseFloat(w.getAttribute("data-start")); });
    this.ends = this.words.map(function (w) { return parseFloat(w.getAttribute("data-end")); });
    this.current = -1;
    this.frame = 0;
    this.seeked = false;
  }

  Player.prototype.show = function (index) {
    if (index === this.current) return;
    var before = this.current >= 0 ? this.words[this.current] : null;
    var followed = before ? inView(before) : false;
    if (before) {
      before.classList.remove("now");
      before.parentNode.classList.remove("reading");
    }
    this.current = index;
    if (index < 0) return;
    var word = this.words[index];
    word.classList.add("now");
    word.parentNode.classList.add("reading");
    var still = stillness && stillness.matches;
    // keep the word in sight for someone following it, never with motion when asked not to
    if (!still && (followed || this.seeked) && !inView(word)) {
      word.scrollIntoView({ block: "center", behavior: "smooth" });
    }
    this.seeked = false;
  };

  Player.prototype.update = function () {
    if (!on) return this.show(-1);
    var t = this.audio.currentTime;
    var index = lastAtOrBefore(this.starts, t);
    // in a long pause (between sentences, after the end) no word is being said
    if (index >= 0 && t > this.ends[index] + 0.6) index = -1;
    this.show(index);
  };

  Player.prototype.tick = function () {
    var self = this;
    self.update();
    if (!self.audio.paused && !self.audio.ended) {
      self.frame = window.requestAnimationFrame(function () { self.tick(); });
    } else {
      self.frame = 0;
    }
  };

  Player.prototype.listen = function () {
    var self = this;
    var audio = self.audio;
    audio.addEventListener("play", function () {
      if (!self.frame) self.tick();
    });
    audio.addEventListener("seeking", function () {
      self.seeked = true; // a jump (the time fires before "seeked"): bring the word into sight
    });
    ["seeked", "pause", "ended", "timeupdate"].forEach(function (name) {
      audio.addEventListener(name, function () { self.update(); });
    });
  };

  var boxes = document.querySelectorAll(".transcript[data-for]");
  for (var i = 0; i < boxes.length; i++) {
    var audio = document.getElementById(boxes[i].getAttribute("data-for"));
    if (!audio) continue;
    var player = new Player(boxes[i], audio);
    if (player.words.length) {
      player.listen();
      players.push(player);
    }
  }

  if (control && players.length) {
    control.checked = on;
    control.addEventListener("change", function () {
      on = control.checked;
      remember(on);
      players.forEach(function (p) { p.update(); });
    });
    var holder = control.closest(".read-along-control");
    if (holder) holder.hidden = false; // shown only when it can work
  }
})();
