using System.Runtime.CompilerServices;
using System.Text;

namespace Honeydipper.Core.Templates.Parsing;

/// <summary>
/// Go's text/template parser (parse/parse.go, Go 1.24), building <see cref="TemplateTree"/>s: one for the text itself
/// and one per <c>{{define}}</c>/<c>{{block}}</c>. Functions are resolved here, so an unknown function is a parse error
/// as in Go.
/// </summary>
internal sealed partial class Parser
{
    private const int MaxPipelineCommands = 100_000;

    private readonly string _name;
    private readonly string _text;
    private readonly TemplateFunctionMap _functions;
    private readonly Lexer _lexer;
    private readonly Dictionary<string, TemplateTree> _set;
    private readonly Token[] _token = new Token[3];
    private int _peekCount;
    private TemplateTree _tree;
    private List<string> _vars = ["$"];
    private int _actionLine;
    private int _rangeDepth;

    private Parser(string name, string text, TemplateOptions options, Dictionary<string, TemplateTree> set)
    {
        _name = name;
        _text = text;
        _functions = options.Functions;
        _set = set;
        _lexer = new Lexer(text, options.LeftDelimiter, options.RightDelimiter)
        {
            BreakOk = !_functions.Contains("break"),
            ContinueOk = !_functions.Contains("continue"),
        };
        _tree = new TemplateTree(name, name, text);
    }

    /// <summary>Parses the text; returns the template set (the text's own tree under <paramref name="name"/>).</summary>
    public static Dictionary<string, TemplateTree> Parse(string name, string text, TemplateOptions options)
    {
        Dictionary<string, TemplateTree> set = new(StringComparer.Ordinal);
        Parser p = new(name, text, options, set);
        try
        {
            p.ParseTop();
        }
        catch (InsufficientExecutionStackException)
        {
            throw p.Error("template is nested too deeply");
        }

        p.Add(p._tree);
        return set;
    }

    // ---- token stream ------------------------------------------------------------------------------------------

    private Token Next()
    {
        if (_peekCount > 0)
        {
            _peekCount--;
        }
        else
        {
            _token[0] = _lexer.NextItem();
        }

        return _token[_peekCount];
    }

    private void Backup() => _peekCount++;

    private void Backup2(Token t1)
    {
        _token[1] = t1;
        _peekCount = 2;
    }

    private void Backup3(Token t2, Token t1)
    {
        _token[1] = t1;
        _token[2] = t2;
        _peekCount = 3;
    }

    private Token Peek()
    {
        if (_peekCount > 0)
        {
            return _token[_peekCount - 1];
        }

        _peekCount = 1;
        _token[0] = _lexer.NextItem();
        return _token[0];
    }

    private Token NextNonSpace()
    {
        Token t;
        do
        {
            t = Next();
        }
        while (t.Kind == TokenKind.Space);
        return t;
    }

    private Token PeekNonSpace()
    {
        Token t = NextNonSpace();
        Backup();
        return t;
    }

    // ---- errors ------------------------------------------------------------------------------------------------

    private TemplateException Error(string reason)
    {
        Token at = _token[0];
        (int line, int column) = TextPosition.Of(_text, Math.Min(at.Pos, _text.Length));
        string near = Near(at.Pos);
        string message = $"template: {_name}:{line}:{column}: {reason}";
        if (near.Length > 0 && !reason.Contains(near, StringComparison.Ordinal))
        {
            message += $" (near {Values.GoStrings.Quote(near)})";
        }

        return new TemplateException(message, _name, line, column, reason, near);
    }

    private string Near(int pos)
    {
        pos = Math.Clamp(pos, 0, _text.Length);
        int end = Math.Min(_text.Length, pos + 24);
        int newline = _text.IndexOf('\n', pos, end - pos);
        return _text[pos..(newline >= 0 ? newline : end)];
    }

    private Token Expect(TokenKind expected, string context)
    {
        Token t = NextNonSpace();
        if (t.Kind != expected)
        {
            throw Unexpected(t, context);
        }

        return t;
    }

    private Token ExpectOneOf(TokenKind a, TokenKind b, string context)
    {
        Token t = NextNonSpace();
        if (t.Kind != a && t.Kind != b)
        {
            throw Unexpected(t, context);
        }

        return t;
    }

    private TemplateException Unexpected(Token t, string context)
    {
        if (t.Kind == TokenKind.Error)
        {
            string extra = string.Empty;
            if (_actionLine != 0 && _actionLine != t.Line)
            {
                extra = $" in action started at {_name}:{_actionLine}";
                if (t.Value.EndsWith(" action", StringComparison.Ordinal))
                {
                    extra = extra[" in action".Length..];
                }
            }

            return Error(t + extra);
        }

        return Error($"unexpected {t} in {context}");
    }

    // ---- structure ---------------------------------------------------------------------------------------------

    private void Add(TemplateTree tree)
    {
        if (!_set.TryGetValue(tree.Name, out TemplateTree? existing) || existing.IsEmpty)
        {
            _set[tree.Name] = tree;
            return;
        }

        if (!tree.IsEmpty)
        {
            throw Error($"template: multiple definition of template {Values.GoStrings.Quote(tree.Name)}");
        }
    }

    private void ParseTop()
    {
        _tree.Root = new ListNode(_tree, Peek().Pos);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                Token delim = Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }

                Backup2(delim);
            }

            Node n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                throw Error($"unexpected {n}");
            }

            _tree.Root.Nodes.Add(n);
        }
    }

    private void WithNewTree(string name, Action body)
    {
        TemplateTree saved = _tree;
        List<string> savedVars = _vars;
        int savedRange = _rangeDepth;
        _tree = new TemplateTree(name, _name, _text);
        _vars = ["$"];
        _rangeDepth = 0;
        try
        {
            body();
        }
        finally
        {
            _tree = saved;
            _vars = savedVars;
            _rangeDepth = savedRange;
        }
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        Token name = ExpectOneOf(TokenKind.String, TokenKind.RawString, context);
        string treeName = GoLiterals.Unquote(name.Value) ?? throw Error("invalid syntax");
        Expect(TokenKind.RightDelim, context);
        WithNewTree(treeName, () =>
        {
            (ListNode list, Node end) = ItemList();
            if (end is not EndNode)
            {
                throw Error($"unexpected {end} in {context}");
            }

            _tree.Root = list;
            Add(_tree);
        });
    }

    private (ListNode List, Node Next) ItemList()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        ListNode list = new(_tree, PeekNonSpace().Pos);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            Node n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                return (list, n);
            }

            list.Nodes.Add(n);
        }

        throw Error("unexpected EOF");
    }

    private Node TextOrAction()
    {
        Token t = NextNonSpace();
        switch (t.Kind)
        {
            case TokenKind.Text:
                return new TextNode(_tree, t.Pos, t.Value);
            case TokenKind.LeftDelim:
                _actionLine = t.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }

            case TokenKind.Comment:
                return new CommentNode(_tree, t.Pos, t.Value);
            default:
                throw Unexpected(t, "input");
        }
    }

    private Node Action()
    {
        Token t = NextNonSpace();
        switch (t.Kind)
        {
            case TokenKind.Block: return BlockControl();
            case TokenKind.Break: return BreakControl(t.Pos);
            case TokenKind.Continue: return ContinueControl(t.Pos);
            case TokenKind.Else: return ElseControl();
            case TokenKind.End: return new EndNode(_tree, Expect(TokenKind.RightDelim, "end").Pos);
            case TokenKind.If: return Control(BranchKind.If);
            case TokenKind.Range: return Control(BranchKind.Range);
            case TokenKind.Template: return TemplateControl();
            case TokenKind.With: return Control(BranchKind.With);
        }

        Backup();
        Token first = Peek();
        return new ActionNode(_tree, first.Pos, first.Line, Pipeline("command", TokenKind.RightDelim));
    }

    private BreakNode BreakControl(int pos)
    {
        Token t = NextNonSpace();
        if (t.Kind != TokenKind.RightDelim)
        {
            throw Unexpected(t, "{{break}}");
        }

        return _rangeDepth == 0 ? throw Error("{{break}} outside {{range}}") : new BreakNode(_tree, pos);
    }

    private ContinueNode ContinueControl(int pos)
    {
        Token t = NextNonSpace();
        if (t.Kind != TokenKind.RightDelim)
        {
            throw Unexpected(t, "{{continue}}");
        }

        return _rangeDepth == 0 ? throw Error("{{continue}} outside {{range}}") : new ContinueNode(_tree, pos);
    }
}
