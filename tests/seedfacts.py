"""Facts of the worked example copied verbatim from shared/seed/mekong-womens-forum-2007.txt.

The sample data, the booklet and the press kit must all carry them; one copy here, so a fact is
corrected in one place.
"""

from __future__ import annotations

EVENT = (
    "The Mekong Women's Forum",
    "12-13 July, 2007",  # as the seed's description prints the dates
    "12–13 July 2007",  # as the cover, the kit's title block and its advisory print them
    "Hanoi",
    "Viet Nam Women's Union",
    "Women's Solidarity & Empowerment in Action against Human Trafficking and Discrimination",
)

AIMS = [
    "Exchange experiences and learning, assess achievements, identify gaps and challenges in taking action "
    "against human trafficking and gender discrimination;",
    "Consider ways to strengthen national partnerships between the women's movements and lead gender focal "
    "points in government ministries, workers' and employers' organizations;",
    "Identify areas of sub-regional cooperation to strengthen the engagement of women and their organizations "
    "in national policy planning on human trafficking and gender discrimination",
]
