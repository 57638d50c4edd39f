"""The loop chooser, alone: what each loop tests and how long it runs, the user's track first."""

from __future__ import annotations

from pm_prep.services import mock
from pm_prep.services.catalog import load_catalog
from pm_prep.ui.mock.chooser import ChooserView, describe


def test_a_loop_is_described_round_by_round() -> None:
    catalog = load_catalog().catalog
    loop = mock.template("pm-analytical")
    assert loop is not None
    text = describe(loop, catalog)
    assert text.startswith(loop.description)
    assert "2. Metric diagnosis: 20 min, with a follow-up" in text
    assert f"{loop.minutes} minutes in all · {len(loop.rounds)} rounds" in text


def test_the_other_tracks_loops_come_after_a_separator_and_are_marked(qtbot) -> None:  # type: ignore[no-untyped-def]
    catalog = load_catalog().catalog
    view = ChooserView(catalog)
    qtbot.addWidget(view)
    view.set_templates(mock.templates_for("intern"), catalog.tracks["intern"].name)
    combo = view.template_combo
    ids = [combo.itemData(i) for i in range(combo.count())]
    separator = ids.index(None)
    assert all(str(i).startswith("intern-") for i in ids[:separator])
    assert all(str(i).startswith("pm-") for i in ids[separator + 1 :])
    pm_name = catalog.tracks["pm"].name
    assert all(f"({pm_name} track)" in combo.itemText(i) for i in range(separator + 1, len(ids)))
    assert combo.currentData() == ids[0]
    assert view.description.text().startswith(mock.template(ids[0]).description)  # type: ignore[union-attr]
    combo.setCurrentIndex(separator + 1)  # set from code: described exactly as if clicked
    assert view.description.text().startswith(mock.template(ids[separator + 1]).description)  # type: ignore[union-attr]
