import pytest

from actionplans.models import AmbitionLevel, SteeringLevel, Track
from actionplans.plan_templates import plan_template
from core.content_files import ContentFileError
from guidance.reference import themes


@pytest.mark.parametrize("track", Track.values)
def test_every_track_has_a_template_file_with_known_themes_and_levels(track):
    template = plan_template(track)
    theme_slugs = {theme["slug"] for theme in themes()}
    assert "{organisation}" in template["title"]
    assert template["sections"] and all(text.strip() for text in template["sections"].values())
    for goal in template["goals"]:
        assert goal["theme"] in theme_slugs
        for action in goal["actions"]:
            assert action["steering_level"] in SteeringLevel.values
            assert action["ambition_level"] in ["", *AmbitionLevel.values]
            for moment in (action["start"], action["due"]):
                assert moment["year"] == "end" or isinstance(moment["year"], int)
                assert 1 <= moment["month"] <= 12


def test_a_template_whose_action_lacks_a_due_date_is_refused_naming_the_place(tmp_path, monkeypatch):
    from actionplans import plan_templates

    (tmp_path / "startend.toml").write_text(
        'title = "Plan"\n[sections]\n[[goals]]\ntheme = "klimaat"\ntitle = "Doel"\ndescription = ""\n'
        'indicator = ""\nunit = "%"\nbaseline_year = -1\ntarget_year = "end"\n'
        '[[goals.actions]]\ntitle = "Actie"\nowner = ""\nsteering_level = "project"\nambition_level = ""\n'
        "product_groups = []\nstart = { year = 0, month = 1 }\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(plan_templates, "TEMPLATES_DIR", tmp_path)
    with pytest.raises(ContentFileError, match=r"startend\.toml \(goal 1, action 1\): missing due"):
        plan_template("startend")
