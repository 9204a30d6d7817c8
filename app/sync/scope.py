"""What a desk's replica holds, in days around today (in the business's zone).

The server applies it when it answers a pull; a desk knows it too, so that when the
day changes it pulls its window anew.
"""

DESK_DAYS_BACK = 30
DESK_DAYS_AHEAD = 90
