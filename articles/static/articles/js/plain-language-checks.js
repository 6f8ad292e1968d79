// The Checks panel's plain-language figures follow the preview. Each time Wagtail measures
// the preview (its "w-preview:content" event, with the HTML of the preview's <main>), the
// figures the CMS computed for that version (templates/articles/includes/
// plain_language_figures.html, from articles.readability) replace the ones shown.
document.addEventListener("w-preview:content", (event) => {
  const panel = document.querySelector("[data-plain-language-checks]");
  const html = event.detail && event.detail.content && event.detail.content.innerHTML;
  if (!panel || !html) return;
  const preview = new DOMParser().parseFromString(html, "text/html");
  const figures = preview.querySelector("[data-plain-language]");
  if (!figures) return;
  const grade = Number(figures.dataset.gradeLevel);
  const target = Number(figures.dataset.targetGrade);
  document.querySelector("[data-plain-language-grade]").textContent = figures.dataset.gradeLevel;
  document.querySelector("[data-plain-language-ease]").textContent = figures.dataset.readingEase;
  document.querySelector("[data-plain-language-verdict]").textContent =
    grade > target ? panel.dataset.aboveTarget : panel.dataset.withinTarget;
});
