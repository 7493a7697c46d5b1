"""The frozen records the stages hand each other: what reading makes (documents: SourceDoc,
CleanDoc, Edits, Skip), the Article and its parts (article), what the site assembles
(indexes: Site and its entries) and what a build reports (outputs). Plain data, no
behaviour a stage relies on; msgspec reads them back from the cache by their annotations."""
