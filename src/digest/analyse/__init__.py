"""Analysing: themes from the user's taxonomy for each article (`taxonomy` reads
themes.yaml, `tagging` scores an article against it), and what the articles say together:
one person under every spelling (`people`), claims that agree or conflict (`claim_links`,
with `claim_index` and `claim_polarity`), and the subjects no theme covers (`topics`, from
`vocabulary`, `phrases`, `grouping` and `topic_naming`). Hands on tagged articles and the
cross-article findings the site assembles."""
