using System.Runtime.CompilerServices;
using System.Text;

namespace Honeydipper.Core.Templates.Parsing;

/// <summary>
/// Go's text/template parser (parse/parse.go, Go 1.24), building <see cref="TemplateTree"/>s: one for the text itself
/// and one per <c>{{define}}</c>/<c>{{block}}</c>. Functions are resolved here, so an unknown function is a parse error
/// as in Go.
/// </summary>
internal sealed class Parser
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

    private PipeNode Pipeline(string context, TokenKind end)
    {
        Token first = PeekNonSpace();
        PipeNode pipe = new(_tree, first.Pos, first.Line);
    decls:
        Token v = PeekNonSpace();
        if (v.Kind == TokenKind.Variable)
        {
            Next();
            Token tokenAfterVariable = Peek();
            Token next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(_tree, v.Pos, v.Value));
                _vars.Add(v.Value);
            }
            else if (next.Kind == TokenKind.Char && next.Value == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(_tree, v.Pos, v.Value));
                _vars.Add(v.Value);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        goto decls;
                    }

                    throw Error("range can only initialize variables");
                }

                throw Error($"too many declarations in {context}");
            }
            else if (tokenAfterVariable.Kind == TokenKind.Space)
            {
                Backup3(v, tokenAfterVariable);
            }
            else
            {
                Backup2(v);
            }
        }

        while (true)
        {
            Token t = NextNonSpace();
            if (t.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }

            switch (t.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Complex or TokenKind.Dot or TokenKind.Field
                    or TokenKind.Identifier or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String
                    or TokenKind.Variable or TokenKind.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    if (pipe.Cmds.Count > MaxPipelineCommands)
                    {
                        throw Error("pipeline too long");
                    }

                    break;
                default:
                    throw Unexpected(t, context);
            }
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            throw Error($"missing value for {context}");
        }

        for (int i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private BranchNode Control(BranchKind kind)
    {
        string context = kind.ToString().ToLowerInvariant();
        int varCount = _vars.Count;
        try
        {
            PipeNode pipe = Pipeline(context, TokenKind.RightDelim);
            if (kind == BranchKind.Range)
            {
                _rangeDepth++;
            }

            (ListNode list, Node next) = ItemList();
            if (kind == BranchKind.Range)
            {
                _rangeDepth--;
            }

            ListNode? elseList = null;
            if (next is ElseNode)
            {
                if (kind == BranchKind.If && Peek().Kind == TokenKind.If)
                {
                    Next();
                    elseList = new ListNode(_tree, next.Pos);
                    elseList.Nodes.Add(Control(BranchKind.If));
                }
                else if (kind == BranchKind.With && Peek().Kind == TokenKind.With)
                {
                    Next();
                    elseList = new ListNode(_tree, next.Pos);
                    elseList.Nodes.Add(Control(BranchKind.With));
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next is not EndNode)
                    {
                        throw Error($"expected end; found {next}");
                    }
                }
            }

            return new BranchNode(_tree, pipe.Pos, kind, pipe, list, elseList);
        }
        finally
        {
            _vars.RemoveRange(varCount, _vars.Count - varCount);
        }
    }

    private ElseNode ElseControl()
    {
        Token peek = PeekNonSpace();
        if (peek.Kind is TokenKind.If or TokenKind.With)
        {
            return new ElseNode(_tree, peek.Pos);
        }

        return new ElseNode(_tree, Expect(TokenKind.RightDelim, "else").Pos);
    }

    private TemplateNode BlockControl()
    {
        const string context = "block clause";
        Token t = NextNonSpace();
        string name = TemplateName(t, context);
        PipeNode pipe = Pipeline(context, TokenKind.RightDelim);
        WithNewTree(name, () =>
        {
            (ListNode list, Node end) = ItemList();
            if (end is not EndNode)
            {
                throw Error($"unexpected {end} in {context}");
            }

            _tree.Root = list;
            Add(_tree);
        });
        return new TemplateNode(_tree, t.Pos, name, pipe);
    }

    private TemplateNode TemplateControl()
    {
        const string context = "template clause";
        Token t = NextNonSpace();
        string name = TemplateName(t, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenKind.RightDelim);
        }

        return new TemplateNode(_tree, t.Pos, name, pipe);
    }

    private string TemplateName(Token t, string context) => t.Kind is TokenKind.String or TokenKind.RawString
        ? GoLiterals.Unquote(t.Value) ?? throw Error("invalid syntax")
        : throw Unexpected(t, context);

    private CommandNode Command()
    {
        CommandNode cmd = new(_tree, PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            Node? operand = Operand();
            if (operand is not null)
            {
                cmd.Args.Add(operand);
            }

            Token t = Next();
            switch (t.Kind)
            {
                case TokenKind.Space:
                    continue;
                case TokenKind.RightDelim or TokenKind.RightParen:
                    Backup();
                    break;
                case TokenKind.Pipe:
                    break;
                default:
                    throw Unexpected(t, "operand");
            }

            break;
        }

        return cmd.Args.Count == 0 ? throw Error("empty command") : cmd;
    }

    private Node? Operand()
    {
        Node? node = Term();
        if (node is null)
        {
            return null;
        }

        if (Peek().Kind == TokenKind.Field)
        {
            ChainNode chain = new(_tree, Peek().Pos, node);
            while (Peek().Kind == TokenKind.Field)
            {
                chain.Field.Add(Next().Value[1..]);
            }

            switch (node)
            {
                case FieldNode:
                    return new FieldNode(_tree, chain.Pos, chain.ToString());
                case VariableNode:
                    return new VariableNode(_tree, chain.Pos, chain.ToString());
                case BoolNode or StringNode or NumberNode or NilNode or DotNode:
                    throw Error($"unexpected . after term {Values.GoStrings.Quote(node.ToString())}");
                default:
                    return chain;
            }
        }

        return node;
    }

    private Node? Term()
    {
        Token t = NextNonSpace();
        switch (t.Kind)
        {
            case TokenKind.Identifier:
                if (!_functions.TryGet(t.Value, out TemplateFunction? function))
                {
                    throw Error($"function {Values.GoStrings.Quote(t.Value)} not defined");
                }

                return new IdentifierNode(_tree, t.Pos, t.Value, function);
            case TokenKind.Dot:
                return new DotNode(_tree, t.Pos);
            case TokenKind.Nil:
                return new NilNode(_tree, t.Pos);
            case TokenKind.Variable:
                return UseVar(t.Pos, t.Value);
            case TokenKind.Field:
                return new FieldNode(_tree, t.Pos, t.Value);
            case TokenKind.Bool:
                return new BoolNode(_tree, t.Pos, t.Value == "true");
            case TokenKind.CharConstant or TokenKind.Complex or TokenKind.Number:
                return NumberParser.Parse(_tree, t, out string? error) ?? throw Error(error!);
            case TokenKind.LeftParen:
                RuntimeHelpers.EnsureSufficientExecutionStack();
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                string text = GoLiterals.Unquote(t.Value) ?? throw Error("invalid syntax");
                return new StringNode(_tree, t.Pos, t.Value, text);
        }

        Backup();
        return null;
    }

    private VariableNode UseVar(int pos, string name)
    {
        VariableNode v = new(_tree, pos, name);
        return _vars.Contains(v.Ident[0]) ? v : throw Error($"undefined variable {Values.GoStrings.Quote(v.Ident[0])}");
    }
}

/// <summary>Line and column (UTF-8 bytes from 0, as Go counts) of a character index.</summary>
internal static class TextPosition
{
    public static (int Line, int Column) Of(string text, int pos)
    {
        int lineStart = text.LastIndexOf('\n', Math.Max(0, pos - 1), pos) + 1;
        if (pos == 0)
        {
            lineStart = 0;
        }

        int line = 1;
        for (int i = 0; i < lineStart; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        int column = Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, pos - lineStart));
        return (line, column);
    }
}
