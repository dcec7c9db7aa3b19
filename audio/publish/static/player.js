// Makes an edition page's chapters and sentences jump the player, and marks the sentence being
// read. The page works without it: chapter links then open the MP3 at that time.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const player = document.querySelector("audio[data-player]");
  if (!player) return;

  const jump = (seconds) => {
    player.currentTime = seconds;
    // Browsers may refuse to play without a gesture they accept; the jump still happened.
    player.play().catch(() => {});
  };

  for (const target of document.querySelectorAll("[data-start]")) {
    const start = Number(target.dataset.start);
    target.addEventListener("click", (event) => {
      event.preventDefault();
      jump(start);
    });
    if (target.tagName !== "A") {
      target.tabIndex = 0;
      target.setAttribute("role", "button");
      target.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          jump(start);
        }
      });
    }
  }

  const cues = Array.from(document.querySelectorAll(".cue"), (element) => ({
    element,
    start: Number(element.dataset.start),
    end: Number(element.dataset.end),
  })).sort((a, b) => a.start - b.start);
  let current = null;
  player.addEventListener("timeupdate", () => {
    const now = player.currentTime;
    // The sentence stays marked through the pause after it, until the next one starts.
    let cue = null;
    for (const candidate of cues) {
      if (candidate.start > now) break;
      cue = candidate;
    }
    if (cue && now > cue.end + 2) cue = null;
    if (cue === current) return;
    if (current) current.element.classList.remove("current");
    if (cue) cue.element.classList.add("current");
    current = cue;
  });
});
