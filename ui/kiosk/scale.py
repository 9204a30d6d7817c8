"""How big the kiosk draws things on the screen it has: type, paddings and keys grow
and shrink with the window, so that every page fits from a 1024x768 panel to a
1920x1080 one, and on a portrait 1080x1920 stand. Touch targets never go below
TOUCH pixels, whatever the screen."""

from __future__ import annotations

from dataclasses import dataclass

TOUCH = 56  # the smallest side of anything a finger presses, in pixels
BORDER = 3  # the buttons' and fields' border, in pixels (the stylesheet draws it)


@dataclass(frozen=True)
class Metrics:
    """Sizes for one window size. `scale` is 1.0 at 1280x800 (landscape) and at
    900x1500 (portrait); everything else is derived from it."""

    scale: float
    portrait: bool

    def px(self, size: float) -> int:
        return max(1, round(size * self.scale))

    @property
    def margin(self) -> int:  # around a page, left and right
        return self.px(48)

    @property
    def margin_v(self) -> int:  # around a page, top and bottom
        return self.px(24)

    @property
    def spacing(self) -> int:
        return self.px(14)

    @property
    def padding(self) -> int:  # inside a button
        return self.px(10)

    @property
    def touch(self) -> int:  # the least height of any button
        return max(TOUCH, self.px(60))

    @property
    def key(self) -> int:  # the least side of a keypad key
        return max(TOUCH, self.px(64))

    @property
    def action(self) -> int:  # the height of a page's main buttons (Continue, OK)
        return max(TOUCH, self.px(80))

    @property
    def big_action(self) -> int:  # Confirm my arrival / That is not me
        return max(TOUCH, self.px(110))


def metrics_for(width: int, height: int) -> Metrics:
    """The metrics for a window of this size (rounded, so that a few pixels more or
    less do not restyle the whole kiosk)."""
    portrait = height > width
    scale = min(width / 900, height / 1500) if portrait else min(width / 1280, height / 800)
    scale = min(1.6, max(0.75, round(scale * 20) / 20))
    return Metrics(scale, portrait)
