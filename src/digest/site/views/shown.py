"""What a page shows of an article it lists, as text: the parts of the record each way of
showing an article reads. A page's key (keys.page_key) is made of these, so an edit renders
again the pages that show what it changed, not every page that lists the article: a
sentence added to an article's body changes its own page, not the theme pages its card is
on. Each function reads what the view constructor named beside it reads; a test changes
each field of real records and checks that what changes the view changes this text."""

from __future__ import annotations

from ...models.article import Article, ThemeHit


def as_card(article: Article) -> str:
    """An article as a card (cards.card): headline, byline, thesis or teasers, note, themes."""
    listed = () if article.argues else article.paragraphs
    return repr(
        (
            article.slug,
            article.kind,
            article.title,
            article.title_source,
            article.thesis,
            [(a.name, a.slug) for a in article.authors],
            article.publisher,
            article.date,
            article.note,
            [(h.id, h.label) for h in article.themes],
            listed,
        )
    )


def as_theme_card(article: Article, hit: ThemeHit) -> str:
    """An article on the page of a theme it has `hit` (cards.theme_card): its card, and
    what it shows on that theme."""
    return f"{as_card(article)}\n{on_theme(article, hit)}"


def on_theme(article: Article, hit: ThemeHit) -> str:
    """What an article's card shows on the page of a theme it has `hit`, besides the card:
    its score and evidence, and its claims on the theme."""
    claims = [(article.claims[i].text, article.claims[i].kind) for i in hit.claims]
    return repr((hit.id, hit.label, hit.score, hit.evidence, hit.claims, claims))


def as_linking(article: Article) -> str:
    """Where an article's claims link (claims.claim_pairs): each claim's links."""
    return repr([[(k.article, k.claim, k.relation) for k in c.links] for c in article.claims])


def as_link(article: Article) -> str:
    """An article as a link (links.article_link): its title."""
    return repr((article.slug, article.title))


def as_related(article: Article) -> str:
    """An article as a related link (article.related_link): its title and themes."""
    return repr((article.slug, article.title, [(h.id, h.label) for h in article.themes]))


def as_claimed(article: Article) -> str:
    """An article whose claims another page quotes (claims.claim_ref): title and claims."""
    return repr((article.slug, article.title, [c.text for c in article.claims]))
