// A result page moves focus to its heading, so a screen reader announces the outcome and the keyboard starts there.
const heading = document.querySelector("main[data-focus-result] h1");
if (heading) {
  heading.tabIndex = -1;
  heading.focus();
}
