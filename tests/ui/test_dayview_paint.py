"""The schedule keeps an image of each block it has drawn (ui/desk/dayview.py): a
refresh repaints hundreds of unchanged blocks. What changes must still show at once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.schedule import Block, DayPlan
from bench.desk import synthetic_plan
from ui.desk.dayview import ScheduleView
from ui.desk.dayview_model import STATUS_COLOURS, ScheduleModel


def with_block(plan: DayPlan, column: int, index: int, changed: Block) -> DayPlan:
    columns = list(plan.columns)
    blocks = list(columns[column].blocks)
    blocks[index] = changed
    columns[column] = replace(columns[column], blocks=blocks)
    return replace(plan, columns=columns)


def centre_colour(view: ScheduleView, booking_id: str) -> QColor:
    image: QImage = view.viewport().grab().toImage()
    found = view.model.block(booking_id)
    assert found is not None
    column, block = found
    x = view.x_of(column) + 20
    y = view.y_of(view.model.minute_of(block.start, column)) + 4
    return image.pixelColor(int(x), int(y))


def test_a_block_that_changes_is_drawn_anew_and_selection_shows(qtbot: QtBot) -> None:
    model = ScheduleModel()
    view = ScheduleView(model)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    plan = synthetic_plan(providers=4, per_provider=12)
    model.set_day(plan)
    view.scroll_to_minute(7 * 60)
    first = plan.columns[1].blocks[1]  # "checked_in" in the synthetic plan
    assert centre_colour(view, first.booking_id) == QColor(STATUS_COLOURS["checked_in"])

    # A sync brings the same booking, now in service: a new image, not the kept one.
    model.set_day(with_block(plan, 1, 1, replace(first, status="in_service")))
    assert centre_colour(view, first.booking_id) == QColor(STATUS_COLOURS["in_service"])

    # Selecting it draws its dark outline; selecting another gives it back its own.
    found = model.block(first.booking_id)
    assert found is not None
    column, block = found
    left = int(view.x_of(column) + 3)
    y = int(view.y_of(model.minute_of(block.start, column)) + 8)
    view.select(first.booking_id)
    outline = view.viewport().grab().toImage().pixelColor(left, y)
    assert outline.lightness() < 60, outline.name()
    view.select(plan.columns[0].blocks[0].booking_id)
    unselected = view.viewport().grab().toImage().pixelColor(left, y)
    assert unselected.lightness() > 100, unselected.name()
