"""The template contexts: for each page, exactly the data its template shows, links resolved.

Templates only loop and print; every link, count, label and piece of text a page shows is
computed here, as frozen records that declare what a template may use (as Zola's `ser.rs`
and MkDocs' `TemplateContext` do). Values are plain text: the templates escape them.

`pages` lists the pages with their cache keys; `frame` is what every page shares; `links`,
`cards`, `pager`, `claims` and `body` are the shapes several pages show; `site`, `article`,
`themes` and `people` build the pages of each family.
"""
