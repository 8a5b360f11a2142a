using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Parsing;

/// <summary>One lexical item: its kind, where it starts (a char index into the template text), its text and line.</summary>
internal readonly record struct Token(TokenKind Kind, int Pos, string Value, int Line)
{
    /// <summary>How Go's parser names the item in error messages.</summary>
    public override string ToString()
    {
        if (Kind == TokenKind.Eof)
        {
            return "EOF";
        }

        if (Kind == TokenKind.Error)
        {
            return Value;
        }

        if (Kind > TokenKind.Keyword)
        {
            return $"<{Value}>";
        }

        if (Value.Length > 10)
        {
            // Go's %.10q: the first ten characters, quoted, then an ellipsis.
            return GoStrings.Quote(Value[..10]) + "...";
        }

        return GoStrings.Quote(Value);
    }
}
