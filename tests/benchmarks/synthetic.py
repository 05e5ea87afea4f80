"""N synthetic events in five lanes, as the text of an events file (for the benchmarks)."""

import random

from timeline_app.core.model import KINDS

LANES = ["CIS", "CSTO", "GUUAM", "SCO", "EurAsEC"]


def synthetic(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["version: 1", "sources:", "  s: {title: Synthetic}", "lanes:"]
    lines += [f'  - {{id: {lane}, name: {lane}, color: "#0072B2"}}' for lane in LANES]
    lines.append("events:")
    for i in range(n):
        year, month, day = rng.randint(1991, 2015), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
        lines.append(
            f'  - {{id: e{i}, title: "Synthetic event number {i}", date: "{date}", lanes: [{rng.choice(LANES)}], '
            f'kind: {rng.choice(KINDS)}, citations: [{{source: s, excerpt: "x"}}]}}'
        )
    return "\n".join(lines) + "\n"
