using Honeydipper.Core.Matching;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Engine.Sessions;

internal sealed partial class Session
{
    /// <summary>The first condition present decides, in the original's order (§2.7).</summary>
    private bool CheckCondition()
    {
        Config.Model.WorkflowDefinition w = Workflow;
        if (w.If is { Count: > 0 } all)
        {
            return all.All(Truthiness.IsConditionTrue);
        }

        if (w.IfAny is { Count: > 0 } any)
        {
            return any.Any(Truthiness.IsConditionTrue);
        }

        if (w.Unless is { Count: > 0 } none)
        {
            return !none.Any(Truthiness.IsConditionTrue);
        }

        if (w.UnlessAll is { Count: > 0 } notAll)
        {
            return !notAll.All(Truthiness.IsConditionTrue);
        }

        if (Workflow.IfMatch is not null)
        {
            return Condition.CompareAll(Ctx, Workflow.IfMatch);
        }

        if (Workflow.UnlessMatch is not null)
        {
            return !HasEntries(Workflow.UnlessMatch) || !Condition.CompareAll(Ctx, Workflow.UnlessMatch);
        }

        return true;
    }

    /// <summary>Loop conditions, interpolated again with the latest message before every round.</summary>
    private bool CheckLoopCondition(DipperMessage msg)
    {
        if (Workflow.WhileMatch is not null)
        {
            return Condition.CompareAll(Ctx, _engine.Interpolator.Interpolate(Workflow.WhileMatch, BuildEnvData(msg)));
        }

        if (Workflow.UntilMatch is not null)
        {
            object? scenario = _engine.Interpolator.Interpolate(Workflow.UntilMatch, BuildEnvData(msg));
            return !HasEntries(scenario) || !Condition.CompareAll(Ctx, scenario);
        }

        if (Workflow.While is { Count: > 0 } whileAll)
        {
            return Interpolated(whileAll, msg).All(Truthiness.IsConditionTrue);
        }

        if (Workflow.WhileAny is { Count: > 0 } whileAny)
        {
            return Interpolated(whileAny, msg).Any(Truthiness.IsConditionTrue);
        }

        if (Workflow.Until is { Count: > 0 } until)
        {
            return !Interpolated(until, msg).Any(Truthiness.IsConditionTrue);
        }

        if (Workflow.UntilAll is { Count: > 0 } untilAll)
        {
            return !Interpolated(untilAll, msg).All(Truthiness.IsConditionTrue);
        }

        return true;
    }

    private IEnumerable<string> Interpolated(IReadOnlyList<string> conditions, DipperMessage msg)
    {
        Dictionary<string, object?> env = BuildEnvData(msg);
        foreach (string condition in conditions)
        {
            yield return _engine.Interpolator.InterpolateStr(condition, env);
        }
    }

    private static bool HasEntries(object? value) => value switch
    {
        IDictionary<string, object?> map => map.Count > 0,
        IList<object?> list => list.Count > 0,
        string s => s.Length > 0,
        _ => value is not null,
    };
}
