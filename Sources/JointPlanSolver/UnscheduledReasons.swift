import JointPlanCore

/// The `unscheduled[].reasons` of plan.json: week-by-week reasons why a session is not in the final plan,
/// in domain terms and with numbers (`week 14: 市应急管理局 pool wuwei needs 12 officer-days, 6 free`),
/// consecutive weeks with the same reason grouped (`weeks 18–22: outside window`), in the plan's language.
struct UnscheduledReasons {
    let explainer: Explainer
    let text: ReasonText

    init(instance: PlanningInstance, placement: [Int?], language: ReasonLanguage = .zh) {
        explainer = Explainer(instance: instance, placement: placement)
        text = ReasonText(scenario: instance.scenario, language: language)
    }

    func reasons(for index: Int) -> [String] {
        explainer.explanation(for: index).map(text.lines) ?? []
    }
}
