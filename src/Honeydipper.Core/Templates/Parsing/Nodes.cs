using System.Text;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Parsing;

/// <summary>
/// The parse tree of Go's text/template (parse/node.go). Every node knows its position and its tree (for error
/// locations) and prints itself as Go does, since execution errors quote the failing node (<c>at &lt;.ctx.x&gt;</c>).
/// </summary>
internal abstract class Node(TemplateTree tree, int pos)
{
    public TemplateTree Tree { get; } = tree;

    public int Pos { get; } = pos;

    public abstract void WriteTo(StringBuilder sb);

    public override string ToString()
    {
        StringBuilder sb = new();
        WriteTo(sb);
        return sb.ToString();
    }
}

internal sealed class ListNode(TemplateTree tree, int pos) : Node(tree, pos)
{
    public List<Node> Nodes { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        foreach (Node n in Nodes)
        {
            n.WriteTo(sb);
        }
    }
}

internal sealed class TextNode(TemplateTree tree, int pos, string text) : Node(tree, pos)
{
    public string Text { get; } = text;

    public override void WriteTo(StringBuilder sb) => sb.Append(Text);
}

internal sealed class CommentNode(TemplateTree tree, int pos, string text) : Node(tree, pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append("{{").Append(text).Append("}}");
}

internal sealed class PipeNode(TemplateTree tree, int pos, int line) : Node(tree, pos)
{
    public int Line { get; } = line;

    public bool IsAssign { get; set; }

    public List<VariableNode> Decl { get; } = [];

    public List<CommandNode> Cmds { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        if (Decl.Count > 0)
        {
            for (int i = 0; i < Decl.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                Decl[i].WriteTo(sb);
            }

            sb.Append(" := ");
        }

        for (int i = 0; i < Cmds.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(" | ");
            }

            Cmds[i].WriteTo(sb);
        }
    }
}

internal sealed class ActionNode(TemplateTree tree, int pos, int line, PipeNode pipe) : Node(tree, pos)
{
    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{");
        Pipe.WriteTo(sb);
        sb.Append("}}");
    }
}

internal sealed class CommandNode(TemplateTree tree, int pos) : Node(tree, pos)
{
    public List<Node> Args { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        for (int i = 0; i < Args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            if (Args[i] is PipeNode pipe)
            {
                sb.Append('(');
                pipe.WriteTo(sb);
                sb.Append(')');
                continue;
            }

            Args[i].WriteTo(sb);
        }
    }
}

internal sealed class IdentifierNode(TemplateTree tree, int pos, string ident, TemplateFunction function) : Node(tree, pos)
{
    public string Ident { get; } = ident;

    public TemplateFunction Function { get; } = function;

    public override void WriteTo(StringBuilder sb) => sb.Append(Ident);
}

internal sealed class VariableNode(TemplateTree tree, int pos, string ident) : Node(tree, pos)
{
    public string[] Ident { get; } = ident.Split('.');

    public override void WriteTo(StringBuilder sb) => sb.AppendJoin('.', Ident);
}

internal sealed class DotNode(TemplateTree tree, int pos) : Node(tree, pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append('.');
}

internal sealed class NilNode(TemplateTree tree, int pos) : Node(tree, pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append("nil");
}

internal sealed class FieldNode(TemplateTree tree, int pos, string ident) : Node(tree, pos)
{
    public string[] Ident { get; } = ident[1..].Split('.');

    public override void WriteTo(StringBuilder sb)
    {
        foreach (string id in Ident)
        {
            sb.Append('.').Append(id);
        }
    }
}

internal sealed class ChainNode(TemplateTree tree, int pos, Node node) : Node(tree, pos)
{
    public Node Node { get; } = node;

    public List<string> Field { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        if (Node is PipeNode)
        {
            sb.Append('(');
            Node.WriteTo(sb);
            sb.Append(')');
        }
        else
        {
            Node.WriteTo(sb);
        }

        foreach (string f in Field)
        {
            sb.Append('.').Append(f);
        }
    }
}

internal sealed class BoolNode(TemplateTree tree, int pos, bool value) : Node(tree, pos)
{
    public bool Value { get; } = value;

    public override void WriteTo(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}

internal sealed class NumberNode(TemplateTree tree, int pos, string text) : Node(tree, pos)
{
    public string Text { get; } = text;

    public bool IsInt { get; set; }

    public bool IsUint { get; set; }

    public bool IsFloat { get; set; }

    public long Int64 { get; set; }

    public ulong Uint64 { get; set; }

    public double Float64 { get; set; }

    /// <summary>The value when the number stands alone (Go's idealConstant), computed once at parse time.</summary>
    public object? Constant { get; set; }

    public override void WriteTo(StringBuilder sb) => sb.Append(Text);
}

internal sealed class StringNode(TemplateTree tree, int pos, string quoted, string text) : Node(tree, pos)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override void WriteTo(StringBuilder sb) => sb.Append(Quoted);
}

internal sealed class EndNode(TemplateTree tree, int pos) : Node(tree, pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append("{{end}}");
}

internal sealed class ElseNode(TemplateTree tree, int pos) : Node(tree, pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append("{{else}}");
}

internal enum BranchKind
{
    If,
    Range,
    With,
}

internal sealed class BranchNode(TemplateTree tree, int pos, BranchKind kind, PipeNode pipe, ListNode list, ListNode? elseList)
    : Node(tree, pos)
{
    public BranchKind Kind { get; } = kind;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{").Append(Kind.ToString().ToLowerInvariant()).Append(' ');
        Pipe.WriteTo(sb);
        sb.Append("}}");
        List.WriteTo(sb);
        if (ElseList is not null)
        {
            sb.Append("{{else}}");
            ElseList.WriteTo(sb);
        }

        sb.Append("{{end}}");
    }
}

internal sealed class TemplateNode(TemplateTree tree, int pos, string name, PipeNode? pipe) : Node(tree, pos)
{
    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{template ").Append(GoStrings.Quote(Name));
        if (Pipe is not null)
        {
            sb.Append(' ');
            Pipe.WriteTo(sb);
        }

        sb.Append("}}");
    }
}

internal sealed class BreakNode(TemplateTree tree, int pos) : Node(tree, pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append("{{break}}");
}

internal sealed class ContinueNode(TemplateTree tree, int pos) : Node(tree, pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append("{{continue}}");
}

/// <summary>One named template: its body and the text it was parsed from (for error locations).</summary>
internal sealed class TemplateTree(string name, string parseName, string text)
{
    public string Name { get; set; } = name;

    /// <summary>The top-level template's name, which error locations use.</summary>
    public string ParseName { get; } = parseName;

    public string Text { get; } = text;

    public ListNode Root { get; set; } = null!;

    public bool IsEmpty => IsEmptyNode(Root);

    private static bool IsEmptyNode(Node? n) => n switch
    {
        null => true,
        CommentNode => true,
        ListNode list => list.Nodes.All(IsEmptyNode),
        TextNode text => string.IsNullOrWhiteSpace(text.Text),
        _ => false,
    };
}
