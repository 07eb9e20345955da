// Progressive enhancement only: without this file every control still works.
// "Listen" plays the sentence on this page instead of opening the sound on a page of its own;
// pressing it again stops it.
(function () {
  var playing = null;
  function stop() {
    if (!playing) return;
    playing.audio.pause();
    playing.link.classList.remove("playing");
    playing = null;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.listen");
    if (!link) return;
    event.preventDefault();
    var same = playing && playing.link === link;
    stop();
    if (same) return;
    var audio = new Audio(link.href);
    playing = { audio: audio, link: link };
    link.classList.add("playing");
    audio.addEventListener("ended", stop);
    audio.play().catch(function () { stop(); window.location = link.href; });
  });
})();
