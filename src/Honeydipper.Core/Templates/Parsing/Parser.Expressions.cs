using System.Runtime.CompilerServices;

namespace Honeydipper.Core.Templates.Parsing;

/// <summary>The expression half of the parser: pipelines, control structures and their operands.</summary>
internal sealed partial class Parser
{
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
