'use strict';
// Pre-fills an empty slug in its record's convention (plenaries/slugs.py) as the editor types:
// the year, from the first field named in data-slug-year that gives one (a date typed as
// 2023-11, a year, or a meeting picked as "2024 Dubai plenary"), then the words of the
// data-slug-words field. A slug the editor typed, or one already saved, is left alone; the
// server makes the same slug when the field is left empty.
{
    const $ = django.jQuery;

    function yearOf(field) {
        const text = field.tagName === 'SELECT'
            ? Array.from(field.selectedOptions, (option) => option.text).join(' ')
            : field.value;
        const match = /^\s*(\d{4})\b/.exec(text);
        return match ? match[1] : '';
    }

    function prefill(slug) {
        // "slug", or "positions-0-slug" in an inline row: its neighbours share the prefix.
        const prefix = slug.name.slice(0, -'slug'.length);
        const fieldNamed = (name) => slug.form.elements.namedItem(prefix + name);
        const years = slug.dataset.slugYear.split(' ').map(fieldNamed).filter(Boolean);
        const words = fieldNamed(slug.dataset.slugWords);
        let typed = false;
        slug.addEventListener('input', () => { typed = true; });
        const fill = () => {
            if (typed) {
                return;
            }
            const year = years.map(yearOf).find(Boolean) || '';
            slug.value = URLify(`${year} ${words ? words.value : ''}`, slug.maxLength, false);
        };
        // Through jQuery: the autocomplete (select2) announces a pick with a jQuery event only.
        $([...years, words].filter(Boolean)).on('input change', fill);
    }

    $(() => {
        document.querySelectorAll('input[data-slug-year]').forEach((slug) => {
            if (!slug.value) {
                prefill(slug);
            }
        });
    });
}
