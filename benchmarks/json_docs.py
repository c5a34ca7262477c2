"""Nested JSON-like documents: build them, walk them, merge them.

A local LCG builds DOCS "order" documents shaped like decoded JSON: each is a
`dict[str, object]` with scalar fields (ints, floats, strings, bools, None),
a nested "customer" dict with an "address" dict, a list of "items" dicts
(each with a list of "tags" and an optional "discount"), and a "meta" dict of
string-keyed counters.

Then, over the whole collection:
  * a recursive traversal walks every value (dispatching on `isinstance`
    for dict, list, str, bool, int, float and None), counting nodes and
    summing the ints, the string lengths and the float values;
  * a pass reads fields with `.get()` and defaults (some keys are missing on
    purpose), totals the orders per country and per tag;
  * a pass merges each document's "meta" into running defaults with the
    dict union operators `|` and `|=` and iterates the result with
    `.items()`;
  * a pass rebuilds a flat summary dict per document with a dict
    comprehension and collects the summaries by status.

The checksum mixes all of those results; floats are folded in after
rounding to an int so the result does not depend on float formatting.

Measures dict construction, lookup, `.get`, `|`/`|=`, `.items()`/`.values()`
iteration, `list[dict]` building and iteration, `isinstance` dispatch and
recursion over heterogeneous containers, and str keys.
"""

from typing import Union

DOCS = 2500
ROUNDS = 5

Json = Union[None, bool, int, float, str, list["Json"], dict[str, "Json"]]

COUNTRIES: list[str] = ["NL", "DE", "FR", "BE", "SE", "NO", "ES", "IT", "PT", "PL", "CZ"]
CITIES: list[str] = ["Harbour", "Lake", "Hill", "Bridge", "Mill", "Ford", "Stone", "Field"]
TAGS: list[str] = [
    "fragile", "gift", "bulk", "express", "cold", "heavy", "flat", "return",
    "sample", "promo", "spare", "refurb",
]
STATUSES: list[str] = ["new", "paid", "packed", "shipped", "delivered", "cancelled"]
META_KEYS: list[str] = ["views", "edits", "clicks", "shares", "flags", "retries"]


class Lcg:
    def __init__(self, seed: int) -> None:
        self.state: int = seed

    def next(self, bound: int) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.state >> 33) % bound

    def unit(self) -> float:
        return self.next(1 << 24) / float(1 << 24)


def make_item(rng: Lcg, index: int) -> dict[str, Json]:
    tags: list[Json] = [TAGS[rng.next(len(TAGS))] for _ in range(rng.next(4))]
    item: dict[str, Json] = {
        "sku": "SKU-%05d" % rng.next(100000),
        "line": index,
        "qty": 1 + rng.next(9),
        "price": round(0.5 + rng.unit() * 200.0, 2),
        "tags": tags,
    }
    if rng.next(4) == 0:
        item["discount"] = {"kind": "percent", "value": 5 + rng.next(30)}
    return item


def make_doc(rng: Lcg, ident: int) -> dict[str, Json]:
    address: dict[str, Json] = {
        "street": CITIES[rng.next(len(CITIES))] + " Street " + str(1 + rng.next(200)),
        "city": CITIES[rng.next(len(CITIES))] + "ton",
        "country": COUNTRIES[rng.next(len(COUNTRIES))],
    }
    if rng.next(3) == 0:
        address["zip"] = str(10000 + rng.next(90000))
    customer: dict[str, Json] = {
        "id": rng.next(50000),
        "name": "customer-" + str(rng.next(10000)),
        "vip": rng.next(10) == 0,
        "address": address,
    }
    items: list[Json] = [make_item(rng, i) for i in range(1 + rng.next(7))]
    meta: dict[str, Json] = {}
    for key in META_KEYS:
        if rng.next(2):
            meta[key] = rng.next(100)
    doc: dict[str, Json] = {
        "id": ident,
        "status": STATUSES[rng.next(len(STATUSES))],
        "customer": customer,
        "items": items,
        "meta": meta,
        "note": None if rng.next(3) else "leave at the door",
        "weight": round(rng.unit() * 30.0, 3),
    }
    return doc


class Totals:
    def __init__(self) -> None:
        self.nodes: int = 0
        self.ints: int = 0
        self.chars: int = 0
        self.floats: float = 0.0
        self.nones: int = 0
        self.trues: int = 0


def walk(value: Json, totals: Totals, depth: int) -> int:
    """Visit every value below `value`; returns the maximum depth reached."""
    totals.nodes += 1
    if isinstance(value, dict):
        deepest = depth
        for key, child in value.items():
            totals.chars += len(key)
            d = walk(child, totals, depth + 1)
            if d > deepest:
                deepest = d
        return deepest
    if isinstance(value, list):
        deepest = depth
        for child in value:
            d = walk(child, totals, depth + 1)
            if d > deepest:
                deepest = d
        return deepest
    if isinstance(value, str):
        totals.chars += len(value)
    elif isinstance(value, bool):
        if value:
            totals.trues += 1
    elif isinstance(value, int):
        totals.ints += value
    elif isinstance(value, float):
        totals.floats += value
    elif value is None:
        totals.nones += 1
    return depth


def order_total(doc: dict[str, Json]) -> float:
    total = 0.0
    items = doc.get("items", [])
    assert isinstance(items, list)
    for item in items:
        assert isinstance(item, dict)
        qty = item.get("qty", 1)
        price = item.get("price", 0.0)
        assert isinstance(qty, int) and isinstance(price, float)
        amount = qty * price
        discount = item.get("discount")
        if isinstance(discount, dict):
            pct = discount.get("value", 0)
            assert isinstance(pct, int)
            amount = amount * (100 - pct) / 100.0
        total += amount
    return total


def tally(docs: list[dict[str, Json]]) -> tuple[dict[str, float], dict[str, int], int]:
    per_country: dict[str, float] = {}
    per_tag: dict[str, int] = {}
    missing = 0
    for doc in docs:
        customer = doc.get("customer", {})
        assert isinstance(customer, dict)
        address = customer.get("address", {})
        assert isinstance(address, dict)
        country = address.get("country", "??")
        assert isinstance(country, str)
        if address.get("zip") is None:
            missing += 1
        if doc.get("gift_wrap") is not None:
            missing -= 1000
        per_country[country] = per_country.get(country, 0.0) + order_total(doc)
        items = doc.get("items", [])
        assert isinstance(items, list)
        for item in items:
            assert isinstance(item, dict)
            tags = item.get("tags", [])
            assert isinstance(tags, list)
            for tag in tags:
                assert isinstance(tag, str)
                per_tag[tag] = per_tag.get(tag, 0) + 1
    return per_country, per_tag, missing


def merge_meta(docs: list[dict[str, Json]]) -> int:
    defaults: dict[str, Json] = {key: 0 for key in META_KEYS}
    running: dict[str, int] = {key: 0 for key in META_KEYS}
    layered: dict[str, Json] = {}
    for doc in docs:
        meta = doc.get("meta", {})
        assert isinstance(meta, dict)
        merged = defaults | meta
        for key, value in merged.items():
            assert isinstance(value, int)
            running[key] += value
        layered |= meta
        layered |= {"last": doc.get("id")}
    result = 0
    for key, total in running.items():
        result = (result * 31 + total + len(key)) & 0xFFFFFFFF
    for key, value in layered.items():
        if isinstance(value, int):
            result = (result * 37 + value) & 0xFFFFFFFF
    return result


def summarise(docs: list[dict[str, Json]]) -> dict[str, list[dict[str, Json]]]:
    by_status: dict[str, list[dict[str, Json]]] = {}
    for doc in docs:
        items = doc["items"]
        assert isinstance(items, list)
        summary: dict[str, Json] = {
            key: value for key, value in doc.items() if not isinstance(value, (dict, list))
        }
        summary["n_items"] = len(items)
        status = summary.get("status", "unknown")
        assert isinstance(status, str)
        if status in by_status:
            by_status[status].append(summary)
        else:
            by_status[status] = [summary]
    return by_status


def bench() -> int:
    checksum = 0
    for round_no in range(ROUNDS):
        rng = Lcg(777 + round_no)
        docs = [make_doc(rng, i) for i in range(DOCS)]

        totals = Totals()
        depth = 0
        for doc in docs:
            d = walk(doc, totals, 0)
            if d > depth:
                depth = d
        checksum = (checksum * 1000003 + totals.nodes) & 0xFFFFFFFFFFFF
        checksum = (checksum * 31 + totals.ints + totals.chars * 7 + depth) & 0xFFFFFFFFFFFF
        checksum = (checksum * 31 + int(totals.floats) + totals.nones + totals.trues) & 0xFFFFFFFFFFFF

        per_country, per_tag, missing = tally(docs)
        for country in sorted(per_country):
            checksum = (checksum * 33 + int(per_country[country])) & 0xFFFFFFFFFFFF
        for tag, n in sorted(per_tag.items()):
            checksum = (checksum * 33 + len(tag) * n) & 0xFFFFFFFFFFFF
        checksum = (checksum * 33 + missing) & 0xFFFFFFFFFFFF

        checksum = (checksum * 41 + merge_meta(docs)) & 0xFFFFFFFFFFFF

        by_status = summarise(docs)
        for status in sorted(by_status):
            group = by_status[status]
            n_items = 0
            for summary in group:
                count = summary["n_items"]
                assert isinstance(count, int)
                n_items += count
            checksum = (checksum * 43 + len(group) * 1000 + n_items) & 0xFFFFFFFFFFFF
    return checksum


if __name__ == "__main__":
    print(bench())
