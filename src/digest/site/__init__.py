"""The site: `assemble` turns the articles into a Site (slugs, related articles, the theme,
author and people indexes), `views/` makes the exact record each template reads, `render`
runs Jinja in its sandbox, `generate` fills the output with every page, feed, sitemap and
JSON document (over worker processes), `records` writes data/articles.json, `search`
builds Pagefind's index and the file:// fallback, `charts` draws SVG, `feeds` and `urls`
say what the feed holds and where every page lives. Hands on files for build.write."""
