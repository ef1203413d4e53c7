from analytics.charts import Series, bar_chart, line_chart


def test_a_line_chart_draws_one_line_per_series_and_describes_the_latest_values():
    svg = line_chart(
        "Actions", ["Mar 01", "Mar 02", "Mar 03"], [Series("Done", [1, 4, 2], "series-1")]
    )
    assert svg.count("<polyline") == 1
    assert svg.count("<circle") == 3
    assert "latest: Done 2." in svg
    assert 'role="img"' in svg


def test_gaps_are_left_where_a_value_is_missing():
    svg = line_chart(
        "Shares", ["a", "b", "c"], [Series("x", [0.5, None, 1], "series-2")], percent=True
    )
    assert svg.count("<circle") == 2
    assert "100%" in svg


def test_labels_and_names_are_escaped():
    svg = line_chart("<b>", ["<i>"], [Series("<script>", [1], "series-1")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_bar_chart_labels_each_bar_with_its_value():
    svg = bar_chart("Funnel", ["Signed up", "Confirmed"], [10, 8], "series-1")
    assert svg.count("<rect") == 2
    assert "Signed up: 10; Confirmed: 8" in svg
