using System.Runtime.CompilerServices;
using System.Text;
using Honeydipper.Core.Templates.Parsing;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Execution;

/// <summary>
/// Runs a parsed template (Go's exec.go): walks the tree, writing text and printed values, with Go's variable scoping,
/// <c>if/with/range</c> semantics (maps ranged in sorted key order), <c>break/continue</c>, and <c>{{template}}</c> calls.
/// One evaluator per execution; it is not shared between threads.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly Func<string, TemplateTree?> _lookup;
    private readonly TemplateOptions _options;
    private readonly TemplateFunctionContext _context;
    [ThreadStatic]
    private static StringBuilder? _spareBuffer;

    private readonly StringBuilder _out;
    private List<KeyValuePair<string, object?>> _vars = new(4);
    private TemplateTree _current;
    private Node? _node;
    private int _depth;
    private LoopControl _control;

    private enum LoopControl
    {
        None,
        Break,
        Continue,
    }

    public Evaluator(TemplateTree root, Func<string, TemplateTree?> lookup, TemplateOptions options)
    {
        _current = root;
        _lookup = lookup;
        // Reuse this thread's output buffer when it is free (executions may nest through functions, so it may not be).
        _out = _spareBuffer ?? new StringBuilder(256);
        _spareBuffer = null;
        _options = options;
        _context = new TemplateFunctionContext(options);
    }

    public TemplateFunctionContext Context => _context;

    public string Output => _out.ToString();

    /// <summary>Gives the output buffer back for the next execution on this thread; the evaluator is done after this.</summary>
    public void Release()
    {
        if (_out.Capacity <= 64 * 1024)
        {
            _out.Clear();
            _spareBuffer = _out;
        }
    }

    public void Run(object? data)
    {
        // Go executes nil data as an invalid value: fields of it are missing, not a nil-pointer error.
        data ??= NoValue.Instance;
        _vars.Add(new("$", data));
        try
        {
            Walk(data, _current.Root);
        }
        catch (InsufficientExecutionStackException)
        {
            throw Error("template execution nested too deeply");
        }
    }

    private TemplateException Error(string reason)
    {
        if (_node is null)
        {
            string plain = $"template: {_current.Name}: {reason}";
            return new TemplateException(plain, _current.Name, 0, 0, reason, null);
        }

        (int line, int column) = TextPosition.Of(_node.Tree.Text, Math.Min(_node.Pos, _node.Tree.Text.Length));
        string context = _node.ToString();
        string message = $"template: {_node.Tree.ParseName}:{line}:{column}: executing {GoStrings.Quote(_current.Name)} at <{context}>: {reason}";
        return new TemplateException(message, _node.Tree.ParseName, line, column, reason, context);
    }

    private void Write(string text)
    {
        if (_out.Length + (long)text.Length > _options.MaxOutputLength)
        {
            throw Error($"template output exceeds the limit of {_options.MaxOutputLength} characters");
        }

        _out.Append(text);
    }

    private void Walk(object? dot, Node node)
    {
        _node = node;
        switch (node)
        {
            case ActionNode action:
                object? value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0)
                {
                    _node = action;
                    Write(GoTruth.Print(value));
                }

                break;
            case TextNode text:
                Write(text.Text);
                break;
            case ListNode list:
                foreach (Node child in list.Nodes)
                {
                    Walk(dot, child);
                    if (_control != LoopControl.None)
                    {
                        return;
                    }
                }

                break;
            case BranchNode { Kind: BranchKind.Range } range:
                RuntimeHelpers.EnsureSufficientExecutionStack();
                WalkRange(dot, range);
                break;
            case BranchNode branch:
                RuntimeHelpers.EnsureSufficientExecutionStack();
                WalkIfOrWith(dot, branch);
                break;
            case TemplateNode call:
                WalkTemplate(dot, call);
                break;
            case BreakNode:
                _control = LoopControl.Break;
                break;
            case ContinueNode:
                _control = LoopControl.Continue;
                break;
            case CommentNode:
                break;
            default:
                throw Error($"unknown node: {node}");
        }
    }

    private void WalkIfOrWith(object? dot, BranchNode branch)
    {
        int mark = _vars.Count;
        object? value = EvalPipeline(dot, branch.Pipe);
        if (GoTruth.IsTrue(value))
        {
            Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
        }
        else if (branch.ElseList is not null)
        {
            Walk(dot, branch.ElseList);
        }

        Pop(mark);
    }

    private void WalkRange(object? dot, BranchNode r)
    {
        int outer = _vars.Count;
        object? value = EvalPipeline(dot, r.Pipe);
        int mark = _vars.Count;
        bool ran = false;
        _node = r;
        switch (value)
        {
            case IList<object?> list:
                for (int i = 0; i < list.Count; i++)
                {
                    ran = true;
                    if (!Iterate(r, mark, i, list[i]))
                    {
                        break;
                    }
                }

                break;
            case IDictionary<string, object?> map:
                foreach (string key in GoValueFormatter.SortedKeys(map.Keys))
                {
                    ran = true;
                    if (!Iterate(r, mark, key, map[key]))
                    {
                        break;
                    }
                }

                break;
            case IReadOnlyDictionary<string, object?> map:
                foreach (string key in GoValueFormatter.SortedKeys(map.Keys))
                {
                    ran = true;
                    if (!Iterate(r, mark, key, map[key]))
                    {
                        break;
                    }
                }

                break;
            case byte[] bytes:
                for (int i = 0; i < bytes.Length; i++)
                {
                    ran = true;
                    if (!Iterate(r, mark, i, bytes[i]))
                    {
                        break;
                    }
                }

                break;
            case int or long or byte or uint:
                // Go 1.24 ranges over integers: 0, 1, ... n-1, each as the element.
                if (r.Pipe.Decl.Count > 1)
                {
                    throw Error($"can't use {GoTruth.Print(value)} to iterate over more than one variable");
                }

                long count = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                for (long i = 0; i < count; i++)
                {
                    ran = true;
                    object element = value switch { long => i, int => (int)i, byte => (byte)i, _ => (object)(uint)i };
                    if (!Iterate(r, mark, NoValue.Instance, element))
                    {
                        break;
                    }
                }

                break;
            case null or NoValue:
                break;
            default:
                throw Error($"range can't iterate over {GoTruth.Print(value)}");
        }

        if (!ran && r.ElseList is not null)
        {
            Walk(dot, r.ElseList);
        }

        Pop(outer);
    }

    /// <summary>One pass of a range body; false when <c>{{break}}</c> ended the loop.</summary>
    private bool Iterate(BranchNode r, int mark, object? index, object? element)
    {
        List<VariableNode> decl = r.Pipe.Decl;
        if (decl.Count > 0)
        {
            if (r.Pipe.IsAssign)
            {
                SetVar(decl[0].Ident[0], decl.Count > 1 ? index : element);
            }
            else
            {
                SetTopVar(1, element);
            }
        }

        if (decl.Count > 1)
        {
            if (r.Pipe.IsAssign)
            {
                SetVar(decl[1].Ident[0], element);
            }
            else
            {
                SetTopVar(2, index);
            }
        }

        Walk(element, r.List);
        Pop(mark);
        LoopControl control = _control;
        _control = LoopControl.None;
        return control != LoopControl.Break;
    }

    private void WalkTemplate(object? dot, TemplateNode call)
    {
        _node = call;
        TemplateTree? tree = _lookup(call.Name) ?? throw Error($"template {GoStrings.Quote(call.Name)} not defined");
        if (_depth >= _options.MaxTemplateDepth)
        {
            throw Error($"exceeded maximum template depth ({_options.MaxTemplateDepth})");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        object? newDot = call.Pipe is null ? NoValue.Instance : EvalPipeline(dot, call.Pipe);
        List<KeyValuePair<string, object?>> savedVars = _vars;
        TemplateTree savedTree = _current;
        _vars = [new("$", newDot)];
        _current = tree;
        _depth++;
        try
        {
            Walk(newDot, tree.Root);
        }
        finally
        {
            _depth--;
            _vars = savedVars;
            _current = savedTree;
        }
    }

    private void Push(string name, object? value) => _vars.Add(new(name, value));

    private void Pop(int mark)
    {
        if (_vars.Count > mark)
        {
            _vars.RemoveRange(mark, _vars.Count - mark);
        }
    }

    private void SetVar(string name, object? value)
    {
        for (int i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Key == name)
            {
                _vars[i] = new(name, value);
                return;
            }
        }

        throw Error($"undefined variable: {name}");
    }

    private void SetTopVar(int n, object? value) => _vars[^n] = new(_vars[^n].Key, value);

    private object? VarValue(string name)
    {
        for (int i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Key == name)
            {
                return _vars[i].Value;
            }
        }

        throw Error($"undefined variable: {name}");
    }
}
