from odoo import Command


class SurveyAnswers:
    """Feedback survey answers as the tests need them: a small survey of
    four 1–5 scale questions and one free text, answered for a tandem."""

    @classmethod
    def _feedback_survey(cls, title="Rückmeldung Test"):
        scale = {"question_type": "scale", "scale_min": 1, "scale_max": 5}
        return cls.env["survey.survey"].create(
            {
                "title": title,
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create({"title": f"Frage {number}", **scale})
                    for number in range(1, 5)
                ]
                + [
                    Command.create(
                        {
                            "title": "Was möchten Sie uns sagen?",
                            "question_type": "text_box",
                        }
                    )
                ],
            }
        )

    @classmethod
    def _answer(
        cls,
        survey,
        tandem,
        partner,
        scores,
        text=None,
        point="month_6",
        audience="mentor",
        done=True,
    ):
        """An answer of ``partner`` for ``tandem`` at feedback ``point``:
        ``scores`` on the scale questions in order, ``text`` in the free
        text."""
        answer = survey._create_answer(
            partner=partner,
            check_attempts=False,
            mentoring_tandem_id=tandem.id,
            mentoring_feedback_point=point,
            mentoring_audience=audience,
        )
        questions = survey.question_ids
        scale = questions.filtered(lambda q: q.question_type == "scale")
        for question, score in zip(scale[: len(scores)], scores, strict=True):
            answer._save_lines(question, str(score))
        if text:
            answer._save_lines(
                questions.filtered(lambda q: q.question_type == "text_box"), text
            )
        if done:
            answer._mark_done()
        return answer
