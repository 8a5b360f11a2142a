using Honeydipper.Core.Templates.Functions;
using Honeydipper.Core.Templates.Parsing;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Execution;

/// <summary>The expression half of the evaluator: pipelines, commands, fields, function calls and argument checks.</summary>
internal sealed partial class Evaluator
{
    private object? EvalPipeline(object? dot, PipeNode? pipe)
    {
        if (pipe is null)
        {
            return NoValue.Instance;
        }

        _node = pipe;
        object? value = NoValue.NoFinal;
        foreach (CommandNode cmd in pipe.Cmds)
        {
            value = EvalCommand(dot, cmd, value);
            // A nil interface{} result digs down to "no value", as Go's evalPipeline does.
            value ??= NoValue.Instance;
        }

        foreach (VariableNode v in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(v.Ident[0], value);
            }
            else
            {
                Push(v.Ident[0], value);
            }
        }

        return value;
    }

    private void NotAFunction(List<Node>? args, object? final)
    {
        if ((args is not null && args.Count > 1) || final != NoValue.NoFinal)
        {
            throw Error($"can't give argument to non-function {args![0]}");
        }
    }

    private object? EvalCommand(object? dot, CommandNode cmd, object? final)
    {
        Node first = cmd.Args[0];
        switch (first)
        {
            case FieldNode field:
                _node = field;
                return EvalFieldChain(dot, dot, field, field.Ident, 0, cmd.Args, final);
            case ChainNode chain:
                return EvalChain(dot, chain, cmd.Args, final);
            case IdentifierNode id:
                return EvalFunction(dot, id, cmd, cmd.Args, final);
            case PipeNode pipe:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariable(dot, variable, cmd.Args, final);
        }

        _node = first;
        NotAFunction(cmd.Args, final);
        return first switch
        {
            BoolNode b => GoTruth.Box(b.Value),
            DotNode => dot,
            NilNode => throw Error("nil is not a command"),
            NumberNode n => n.Constant,
            StringNode s => s.Text,
            _ => throw Error($"can't evaluate command {GoStrings.Quote(first.ToString())}"),
        };
    }

    private object? EvalChain(object? dot, ChainNode chain, List<Node>? args, object? final)
    {
        _node = chain;
        if (chain.Node is NilNode)
        {
            throw Error($"indirection through explicit nil in {chain}");
        }

        object? receiver = EvalArg(dot, null, chain.Node);
        return EvalFieldChain(dot, receiver, chain, chain.Field, 0, args, final);
    }

    private object? EvalVariable(object? dot, VariableNode variable, List<Node>? args, object? final)
    {
        _node = variable;
        object? value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args, final);
            return value;
        }

        return EvalFieldChain(dot, value, variable, variable.Ident, 1, args, final);
    }

    private object? EvalFieldChain(
        object? dot, object? receiver, Node node, IReadOnlyList<string> ident, int from, List<Node>? args, object? final)
    {
        int n = ident.Count;
        for (int i = from; i < n - 1; i++)
        {
            receiver = EvalField(dot, ident[i], node, null, NoValue.NoFinal, receiver, i > from);
        }

        return EvalField(dot, ident[n - 1], node, args, final, receiver, n - 1 > from);
    }

    private object? EvalField(
        object? dot, string fieldName, Node node, List<Node>? args, object? final, object? receiver, bool viaInterface)
    {
        if (receiver is NoValue)
        {
            return NoValue.Instance;
        }

        if (receiver is null)
        {
            throw Error($"nil pointer evaluating interface {{}}.{fieldName}");
        }

        if (GoMethods.TryGet(receiver, fieldName, out TemplateFunction? method))
        {
            return EvalCall(dot, method, node, fieldName, args, final);
        }

        bool hasArgs = (args is not null && args.Count > 1) || final != NoValue.NoFinal;
        switch (receiver)
        {
            case IDictionary<string, object?> map:
                if (hasArgs)
                {
                    throw Error($"{fieldName} is not a method but has arguments");
                }

                return map.TryGetValue(fieldName, out object? value) ? value : NoValue.Instance;
            case IReadOnlyDictionary<string, object?> map:
                if (hasArgs)
                {
                    throw Error($"{fieldName} is not a method but has arguments");
                }

                return map.TryGetValue(fieldName, out object? found) ? found : NoValue.Instance;
        }

        string type = viaInterface ? GoTypes.Interface : GoTypes.TypeName(receiver);
        throw Error($"can't evaluate field {fieldName} in type {type}");
    }

    private object? EvalFunction(object? dot, IdentifierNode id, Node cmd, List<Node>? args, object? final)
    {
        _node = id;
        // Go reports a failed call at the whole command ("at <eq .a 1>"), other errors at the identifier.
        return EvalCall(dot, id.Function, cmd, id.Ident, args, final);
    }

    private object? EvalCall(object? dot, TemplateFunction fn, Node node, string name, List<Node>? args, object? final)
    {
        int argCount = args is null ? 0 : args.Count - 1;
        bool hasFinal = final != NoValue.NoFinal;
        int numIn = argCount + (hasFinal ? 1 : 0);
        int numFixed = argCount;
        IReadOnlyList<GoParam> parameters = fn.Parameters;
        if (fn.Variadic is not null)
        {
            numFixed = parameters.Count;
            if (numIn < numFixed)
            {
                throw Error($"wrong number of args for {name}: want at least {parameters.Count} got {argCount}");
            }
        }
        else if (numIn != parameters.Count)
        {
            throw Error($"wrong number of args for {name}: want {parameters.Count} got {numIn}");
        }

        if (ReferenceEquals(fn, BuiltinFunctions.And) || ReferenceEquals(fn, BuiltinFunctions.Or))
        {
            bool isOr = ReferenceEquals(fn, BuiltinFunctions.Or);
            object? v = null;
            for (int k = 0; k < argCount; k++)
            {
                v = EvalArg(dot, GoParam.Value, args![k + 1]);
                if (GoTruth.IsTrue(v) == isOr)
                {
                    return v;
                }
            }

            return hasFinal ? final : v;
        }

        object?[] argv = numIn == 0 ? [] : new object?[numIn];
        int i = 0;
        for (; i < numFixed && i < argCount; i++)
        {
            argv[i] = EvalArg(dot, parameters[i], args![i + 1]);
        }

        if (fn.Variadic is GoParam rest)
        {
            for (; i < argCount; i++)
            {
                argv[i] = EvalArg(dot, rest, args![i + 1]);
            }
        }

        if (hasFinal)
        {
            GoParam t = fn.Variadic is GoParam tail && numIn - 1 >= numFixed ? tail : parameters[numIn - 1];
            argv[i] = Validate(final, t);
        }

        if (ReferenceEquals(fn, BuiltinFunctions.Call))
        {
            _node = node;
            throw Error(BuiltinFunctions.CallError(argCount > 0 ? args![1].ToString() : "nil", argv.Length > 0 ? argv[0] : null));
        }

        try
        {
            return fn.Body(_context, argv);
        }
        catch (TemplateException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _node = node;
            throw Error($"error calling {name}: {e.Message}");
        }
    }

    /// <summary>Go's <c>evalArg</c>: evaluates one argument node for a parameter of the given Go type (null: no check).</summary>
    private object? EvalArg(object? dot, GoParam? param, Node n)
    {
        _node = n;
        switch (n)
        {
            case DotNode:
                return Validate(dot, param);
            case NilNode:
                return param switch
                {
                    GoParam.Any or GoParam.Map or GoParam.List => null,
                    GoParam.Value or null => NoValue.Instance,
                    _ => throw Error($"cannot assign nil to {TemplateFunction.GoTypeName(param.Value)}"),
                };
            case FieldNode field:
                return Validate(EvalFieldChain(dot, dot, field, field.Ident, 0, [n], NoValue.NoFinal), param);
            case VariableNode variable:
                return Validate(EvalVariable(dot, variable, null, NoValue.NoFinal), param);
            case PipeNode pipe:
                return Validate(EvalPipeline(dot, pipe), param);
            case IdentifierNode id:
                return Validate(EvalFunction(dot, id, id, null, NoValue.NoFinal), param);
            case ChainNode chain:
                return Validate(EvalChain(dot, chain, null, NoValue.NoFinal), param);
        }

        _node = n;
        switch (param)
        {
            case GoParam.Bool:
                return n is BoolNode b ? GoTruth.Box(b.Value) : throw Error($"expected bool; found {n}");
            case GoParam.String:
                return n is StringNode s ? s.Text : throw Error($"expected string; found {n}");
            case GoParam.Int:
                return n is NumberNode { IsInt: true } i
                    ? (i.Int64 is >= int.MinValue and <= int.MaxValue ? (object)(int)i.Int64 : i.Int64)
                    : throw Error($"expected integer; found {n}");
            case GoParam.Int64:
                return n is NumberNode { IsInt: true } l ? l.Int64 : throw Error($"expected integer; found {n}");
            case GoParam.Uint32:
                return n is NumberNode { IsUint: true } u ? (uint)u.Uint64 : throw Error($"expected unsigned integer; found {n}");
            case GoParam.Float64:
                return n is NumberNode { IsFloat: true } f ? f.Float64 : throw Error($"expected float; found {n}");
            case GoParam.Duration:
                return n is NumberNode { IsInt: true } d
                    ? GoDuration.ToTimeSpan(d.Int64)
                    : throw Error($"expected integer; found {n}");
            case GoParam.Any or GoParam.Value or null:
                return n switch
                {
                    BoolNode literal => GoTruth.Box(literal.Value),
                    NumberNode num => num.Constant,
                    StringNode text => text.Text,
                    _ => throw Error($"can't handle assignment of {n} to empty interface argument"),
                };
            default:
                throw Error($"can't handle {n} for arg of type {TemplateFunction.GoTypeName(param.Value)}");
        }
    }

    /// <summary>Go's <c>validateType</c>: checks that an evaluated value may be passed as the parameter type.</summary>
    private object? Validate(object? value, GoParam? param)
    {
        if (param is null or GoParam.Value)
        {
            return value;
        }

        GoParam p = param.Value;
        if (value is NoValue)
        {
            return p is GoParam.Any or GoParam.Map or GoParam.List
                ? null
                : throw Error($"invalid value; expected {TemplateFunction.GoTypeName(p)}");
        }

        if (p == GoParam.Any)
        {
            return value;
        }

        bool ok = p switch
        {
            GoParam.String => value is string,
            GoParam.Int => value is int,
            GoParam.Int64 => value is long,
            GoParam.Float64 => value is double,
            GoParam.Bool => value is bool,
            GoParam.Uint32 => value is uint,
            GoParam.Map => value is IDictionary<string, object?> and not GoStringMap,
            GoParam.List => value is IList<object?> and not GoTypedList,
            GoParam.Time => value is DateTimeOffset,
            GoParam.Duration => value is TimeSpan,
            _ => false,
        };
        if (ok)
        {
            return value;
        }

        string got = value is null ? GoTypes.Interface : GoTypes.TypeName(value);
        throw Error($"wrong type for value; expected {TemplateFunction.GoTypeName(p)}; got {got}");
    }
}
