"use strict";
// The Preview button of a Markdown field (plenaries/admin/markdown.py). The server renders the
// text with the public page's sanitiser; the answer goes into the field's live region. One
// listener on the document also serves fields added after the page loaded (inline rows).
document.addEventListener("click", async (event) => {
    const button = event.target.closest(".markdown-preview-button");
    if (!button) {
        return;
    }
    const field = button.closest(".markdown-field");
    const preview = field.querySelector(".markdown-preview");
    const body = new FormData();
    body.append("text", field.querySelector("textarea").value);
    body.append("csrfmiddlewaretoken", button.form.elements.csrfmiddlewaretoken.value);
    try {
        const response = await fetch(button.dataset.url, {method: "POST", body});
        // A redirect is the sign-in page of an expired session, not a preview.
        if (!response.ok || response.redirected) {
            throw new Error(response.statusText);
        }
        const html = await response.text();
        if (html.trim()) {
            preview.innerHTML = html; // sanitised by the server, as on the public page
        } else {
            preview.textContent = button.dataset.empty;
        }
    } catch {
        preview.textContent = button.dataset.failed;
    }
});
