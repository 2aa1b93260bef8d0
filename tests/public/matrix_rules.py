"""Who may use the public pages: everyone, logged in or not (they hold nothing personal).

The forms are GET and POST on the same URL; the POSTs are tested in tests/public. A logged-in
visitor costs some queries of its own (session, roles, navigation): the bound covers that.
"""

from __future__ import annotations

from tests.matrix import Rule

# base (8): the page reads nothing of its own = 8, +2 margin
PUBLIC = Rule(public=True, ok=(200,), max_queries=10, shows="none")
FORM = Rule(
    public=True,
    ok=(200,),
    # base (8): the empty form reads nothing of its own = 8, +2 margin
    max_queries=10,
    shows="none",
    post_exempt="a public form: anyone may apply (tests/public covers what it creates)",
)

RULES: dict[str, Rule] = {
    "public:apply_request": FORM,
    "public:apply_support": FORM,
    "public:thanks": PUBLIC,
    "public:interest": FORM,
    "public:interest_thanks": PUBLIC,
    # base (8) + municipality, its published profiles (2) = 10
    "public:municipality_page": Rule(
        public=True, ok=(200,), max_queries=12, fixed_kwargs={"slug": "utrecht"}, shows="none"
    ),
}
