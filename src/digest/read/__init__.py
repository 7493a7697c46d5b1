"""Reading: input files -> Article. `load` finds and decodes the seeds (text, Markdown, saved
web pages through `webpage` and `markup`), `clean` gives every line a role and a removal
reason (`reasons`), `extract/` reads the fields (title, people, publisher, date, thesis,
claims), and the editors' fields (`front_matter`, `overrides`, `edit_fields`, `editorial`)
win over what was read. Hands on one Article per file, or a Skip that says why."""
