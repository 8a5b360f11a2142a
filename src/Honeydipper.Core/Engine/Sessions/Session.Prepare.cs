using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Engine.Sessions;

internal sealed partial class Session
{
    public const string ContextDefault = "_default";
    public const string ContextEvents = "_events";
    public const string ContextHooks = "_hooks";

    /// <summary>Builds the session's context before it runs (semantics §2.2 step 2, the original's prepare).</summary>
    public void Prepare(DipperMessage msg, Session? parent, IDictionary<string, object?>? eventCtx)
    {
        if (parent is not null)
        {
            InheritParentData(parent);
        }

        InjectMsg(msg);
        InitCtx(msg);
        if (eventCtx is not null)
        {
            Ctx = EngineData.MergeMap(Ctx, eventCtx);
        }

        InjectLocalCtx(msg);
        InterpolateWorkflow(msg);
        if (parent is not null && ((Workflow.OnError.Length == 0 && parent.Workflow.OnError.Length > 0) || (Workflow.OnFailure.Length == 0 && parent.Workflow.OnFailure.Length > 0)))
        {
            Workflow = Workflow with
            {
                OnError = Workflow.OnError.Length > 0 ? Workflow.OnError : parent.Workflow.OnError,
                OnFailure = Workflow.OnFailure.Length > 0 ? Workflow.OnFailure : parent.Workflow.OnFailure,
            };
        }

        if (!IsHook)
        {
            Ctx["_meta_name"] = Workflow.Name.Length > 0 ? Workflow.Name : Performing;
            Ctx["_meta_desc"] = Workflow.Description;
        }
    }

    private void InheritParentData(Session parent)
    {
        parent.SetPerforming(Performing);
        Event = parent.Event;
        Ctx = DataTree.CopyMap(parent.Ctx);
        LoadedContexts = [.. parent.LoadedContexts];
        Ctx.Remove("hooks"); // hooks are never inherited
    }

    private void InjectMsg(DipperMessage msg)
    {
        if (IsTopLevel)
        {
            Event = msg.Payload is IDictionary<string, object?> payload && payload.TryGetValue("data", out object? data) && data is IDictionary<string, object?> map
                ? map
                : EngineData.Map();
        }
    }

    private void InitCtx(DipperMessage msg)
    {
        InjectNamedCtx(ContextDefault, msg, firstTime: IsTopLevel);
        if (IsTopLevel)
        {
            InjectNamedCtx(ContextEvents, msg, firstTime: true);
        }

        foreach (string name in LoadedContexts.ToList())
        {
            if (name == ContextHooks)
            {
                IsHook = true;
            }

            InjectNamedCtx(name, msg, firstTime: false);
        }

        InjectCtxs(msg);
        if (IsHook)
        {
            Ctx.Remove("hooks");
        }
    }

    private void InjectCtxs(DipperMessage msg)
    {
        Dictionary<string, object?> env = BuildEnvData(msg);
        string context = _engine.Interpolator.InterpolateStr(Workflow.Context, env);
        object? contexts = _engine.Interpolator.Interpolate(Workflow.Contexts, env);
        if (!ReferenceEquals(context, Workflow.Context) || !ReferenceEquals(contexts, Workflow.Contexts))
        {
            Workflow = Workflow with { Context = context, Contexts = contexts }; // a definition is never changed in place
        }

        if (context.Length > 0)
        {
            if (context == ContextHooks)
            {
                IsHook = true;
            }

            LoadContext(context, msg);
        }

        if (contexts is null)
        {
            return;
        }

        if (contexts is not IList<object?> names)
        {
            throw new WorkflowException($"expected list of strings in contexts in workflow: {Workflow.Name}");
        }

        foreach (object? item in names)
        {
            switch (item)
            {
                case null or "":
                    continue;
                case string name:
                    LoadContext(name, msg);
                    break;
                default:
                    throw new WorkflowException($"expected list of strings in contexts in workflow: {Workflow.Name}");
            }
        }
    }

    private void LoadContext(string name, DipperMessage msg)
    {
        if (!LoadedContexts.Contains(name))
        {
            InjectNamedCtx(name, msg, firstTime: true);
            LoadedContexts.Add(name);
        }
    }

    /// <summary>Merges the sections of a named context that apply to this session (§2.5).</summary>
    private void InjectNamedCtx(string name, DipperMessage msg, bool firstTime)
    {
        bool defined = _engine.Config.Contexts.TryGetValue(name, out object? value);
        if (name.Length > 0 && name[0] != '_' && !defined)
        {
            throw new WorkflowException($"named context {name} not defined");
        }

        if (value is not IDictionary<string, object?> sections)
        {
            return;
        }

        Dictionary<string, object?> env = BuildEnvData(msg);
        if (firstTime)
        {
            MergeSection(sections, "*", name, env);
        }

        if (IsTopLevel)
        {
            MergeSection(sections, ContextEvents, name, env);
        }

        if (Workflow.Name.Length > 0)
        {
            MergeSection(sections, Workflow.Name, name, env);
        }
    }

    private void MergeSection(IDictionary<string, object?> sections, string section, string contextName, Dictionary<string, object?> env)
    {
        if (!sections.TryGetValue(section, out object? data) || data is null)
        {
            return;
        }

        if (data is not IDictionary<string, object?> map)
        {
            throw new WorkflowException($"context {contextName} section {section} must be a map, not {EngineData.Describe(data)}");
        }

        object? interpolated = _engine.Interpolator.Interpolate(DataTree.CopyMap(map), env);
        Ctx = EngineData.MergeMap(Ctx, EngineData.AsMap(interpolated, $"context {contextName} section {section}"));
        env["ctx"] = Ctx;
    }

    /// <summary><c>with</c>: a map or layers of maps, each interpolated against the context the previous ones made.</summary>
    private void InjectLocalCtx(DipperMessage msg)
    {
        if (Workflow.With is null || Workflow.CallDriver.Length > 0)
        {
            return;
        }

        IList<object?> layers = Workflow.With as IList<object?> ?? [Workflow.With];
        Dictionary<string, object?> env = BuildEnvData(msg);
        foreach (object? layer in layers)
        {
            object? locals = _engine.Interpolator.Interpolate(layer, env);
            Ctx = EngineData.MergeMap(Ctx, EngineData.AsMap(locals, "with"));
            env["ctx"] = Ctx;
        }
    }

    private void InterpolateWorkflow(DipperMessage msg)
    {
        WorkflowDefinition v = Workflow;
        Dictionary<string, object?> env = BuildEnvData(msg);
        Interpolation.Interpolator i = _engine.Interpolator;
        object? iterate = i.Interpolate(v.Iterate, env);
        object? parallel = i.Interpolate(v.IterateParallel, env);
        string name = i.InterpolateStr(v.Name, env);
        string description = i.InterpolateStr(v.Description, env);
        List<string>? ifAll = Strings(v.If, env);
        List<string>? ifAny = Strings(v.IfAny, env);
        List<string>? unless = Strings(v.Unless, env);
        List<string>? unlessAll = Strings(v.UnlessAll, env);
        object? ifMatch = i.Interpolate(v.IfMatch, env);
        object? unlessMatch = i.Interpolate(v.UnlessMatch, env);
        string retry = i.InterpolateStr(v.Retry, env);
        string backoff = i.InterpolateStr(v.Backoff, env);
        string wait = i.InterpolateStr(v.Wait, env);
        string callFunction = i.InterpolateStr(v.CallFunction, env);
        string callDriver = i.InterpolateStr(v.CallDriver, env);
        IList<object?>? iterateList = IterationValue(iterate, v.Iterate, "iterate");
        IList<object?>? parallelList = IterationValue(parallel, v.IterateParallel, "iterate_parallel");
        string pool = v.IterateParallel is not null ? i.InterpolateStr(v.IteratePool, env) : v.IteratePool;

        // Most definitions hold no template in these fields (and no condition or iteration list, which are always new
        // after interpolation): then the session keeps the definition itself, shared and never changed in place, rather
        // than an equal copy; its saved JSON is then written once too.
        if (ReferenceEquals(name, v.Name) && ReferenceEquals(description, v.Description) && ifAll is null && ifAny is null &&
            unless is null && unlessAll is null && ifMatch is null && unlessMatch is null && ReferenceEquals(retry, v.Retry) &&
            ReferenceEquals(backoff, v.Backoff) && ReferenceEquals(wait, v.Wait) && ReferenceEquals(callFunction, v.CallFunction) &&
            ReferenceEquals(callDriver, v.CallDriver) && iterateList is null && parallelList is null && ReferenceEquals(pool, v.IteratePool))
        {
            return;
        }

        Workflow = v with
        {
            Name = name,
            Description = description,
            If = ifAll,
            IfAny = ifAny,
            Unless = unless,
            UnlessAll = unlessAll,
            IfMatch = ifMatch,
            UnlessMatch = unlessMatch,
            Retry = retry,
            Backoff = backoff,
            Wait = wait,
            CallFunction = callFunction,
            CallDriver = callDriver,
            Iterate = iterateList,
            IterateParallel = parallelList,
            IteratePool = pool,
        };
    }

    private List<string>? Strings(IReadOnlyList<string>? values, Dictionary<string, object?> env)
    {
        if (values is null)
        {
            return null;
        }

        List<string> result = new(values.Count);
        foreach (string value in values)
        {
            result.Add(_engine.Interpolator.InterpolateStr(value, env));
        }

        return result;
    }

    /// <summary>An iteration list after interpolation: nothing becomes an empty list; anything but a list is an error.</summary>
    private static IList<object?>? IterationValue(object? interpolated, object? written, string field) => interpolated switch
    {
        null => written is null ? null : [],
        IList<object?> list => list,
        _ => throw new WorkflowException($"{field} must be a list, not {EngineData.Describe(interpolated)}"),
    };
}
