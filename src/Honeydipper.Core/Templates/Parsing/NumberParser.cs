using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Parsing;

/// <summary>
/// Go's <c>newNumber</c>: a numeric literal is stored as every type that can hold it (int, uint, float), like Go's ideal
/// constants; the function parameter it is passed to picks one. Alone, it becomes an int, or a float64 when written with
/// a point or exponent (<see cref="NumberNode.Constant"/>).
/// </summary>
internal static class NumberParser
{
    public static NumberNode? Parse(TemplateTree tree, Token token, out string? error)
    {
        error = null;
        string text = token.Value;
        NumberNode n = new(tree, token.Pos, text);
        if (token.Kind == TokenKind.CharConstant)
        {
            int rune = GoLiterals.UnquoteRune(text);
            if (rune < 0)
            {
                error = $"malformed character constant: {text}";
                return null;
            }

            n.IsInt = n.IsUint = n.IsFloat = true;
            n.Int64 = rune;
            n.Uint64 = (ulong)rune;
            n.Float64 = rune;
            n.Constant = rune;
            return n;
        }

        if (token.Kind == TokenKind.Complex || text.EndsWith('i'))
        {
            error = $"complex number {text} is not supported";
            return null;
        }

        if (GoLiterals.TryParseUint(text, out ulong u))
        {
            n.IsUint = true;
            n.Uint64 = u;
        }

        if (GoLiterals.TryParseInt(text, out long i))
        {
            n.IsInt = true;
            n.Int64 = i;
            if (i == 0)
            {
                n.IsUint = true;
                n.Uint64 = 0;
            }
        }

        if (n.IsInt)
        {
            n.IsFloat = true;
            n.Float64 = n.Int64;
        }
        else if (n.IsUint)
        {
            n.IsFloat = true;
            n.Float64 = n.Uint64;
        }
        else if (GoLiterals.TryParseFloat(text, out double f))
        {
            if (text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) < 0)
            {
                error = $"integer overflow: {GoStrings.Quote(text)}";
                return null;
            }

            n.IsFloat = true;
            n.Float64 = f;
            if (!n.IsInt && Math.Abs(f) < 9.2e18 && (double)(long)f == f)
            {
                n.IsInt = true;
                n.Int64 = (long)f;
            }

            if (!n.IsUint && f >= 0 && f < 1.8e19 && (double)(ulong)f == f)
            {
                n.IsUint = true;
                n.Uint64 = (ulong)f;
            }
        }

        if (!n.IsInt && !n.IsUint && !n.IsFloat)
        {
            error = $"illegal number syntax: {GoStrings.Quote(text)}";
            return null;
        }

        n.Constant = IdealConstant(n, out error);
        return error is null ? n : null;
    }

    private static object? IdealConstant(NumberNode n, out string? error)
    {
        error = null;
        bool hexInt = n.Text.Length > 2 && n.Text[0] == '0' && (n.Text[1] == 'x' || n.Text[1] == 'X')
            && n.Text.IndexOfAny(['p', 'P']) < 0;
        if (n.IsFloat && !hexInt && n.Text[0] != '\'' && n.Text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) >= 0)
        {
            return n.Float64;
        }

        if (n.IsInt)
        {
            // Go's int is 64 bits; ours is an int when it fits (see docs: larger values become int64).
            return n.Int64 is >= int.MinValue and <= int.MaxValue ? (object)(int)n.Int64 : n.Int64;
        }

        // Only an unsigned value beyond int64 gets here; Go reports it when executing, we report it at parse time.
        error = $"{n.Text} overflows int";
        return null;
    }
}
