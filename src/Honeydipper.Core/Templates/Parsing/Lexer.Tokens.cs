namespace Honeydipper.Core.Templates.Parsing;

/// <summary>The tokens inside an action: identifiers and keywords, fields, variables, numbers, strings and characters.</summary>
internal sealed partial class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = TokenKind.Dot,
        ["block"] = TokenKind.Block,
        ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue,
        ["define"] = TokenKind.Define,
        ["else"] = TokenKind.Else,
        ["end"] = TokenKind.End,
        ["if"] = TokenKind.If,
        ["range"] = TokenKind.Range,
        ["nil"] = TokenKind.Nil,
        ["template"] = TokenKind.Template,
        ["with"] = TokenKind.With,
    };

    private Token LexIdentifier()
    {
        while (true)
        {
            int r = Next();
            if (IsAlphaNumeric(r))
            {
                continue;
            }

            Backup();
            string word = input[_start.._pos];
            if (!AtTerminator())
            {
                return Error($"bad character {FormatRune(r)}");
            }

            if (Keywords.TryGetValue(word, out TokenKind keyword))
            {
                if ((keyword == TokenKind.Break && !BreakOk) || (keyword == TokenKind.Continue && !ContinueOk))
                {
                    return This(TokenKind.Identifier);
                }

                return This(keyword);
            }

            if (word[0] == '.')
            {
                return This(TokenKind.Field);
            }

            return This(word is "true" or "false" ? TokenKind.Bool : TokenKind.Identifier);
        }
    }

    private Token LexVariable() => AtTerminator() ? This(TokenKind.Variable) : LexFieldOrVariable(TokenKind.Variable);

    private Token LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            return This(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
        }

        int r;
        while (true)
        {
            r = Next();
            if (!IsAlphaNumeric(r))
            {
                Backup();
                break;
            }
        }

        if (!AtTerminator())
        {
            return Error($"bad character {FormatRune(r)}");
        }

        return This(kind);
    }

    private bool AtTerminator()
    {
        int r = Peek();
        if (IsSpace(r))
        {
            return true;
        }

        return r is EofRune or '.' or ',' or '|' or ':' or ')' or '(' || StartsWith(_pos, rightDelim);
    }

    private Token LexChar()
    {
        while (true)
        {
            switch (Next())
            {
                case '\\':
                    int r = Next();
                    if (r != EofRune && r != '\n')
                    {
                        continue;
                    }

                    return Error("unterminated character constant");
                case EofRune or '\n':
                    return Error("unterminated character constant");
                case '\'':
                    return This(TokenKind.CharConstant);
            }
        }
    }

    private Token LexNumber()
    {
        if (!ScanNumber())
        {
            return Error($"bad number syntax: {Values.GoStrings.Quote(input[_start.._pos])}");
        }

        int sign = Peek();
        if (sign is '+' or '-')
        {
            if (!ScanNumber() || input[_pos - 1] != 'i')
            {
                return Error($"bad number syntax: {Values.GoStrings.Quote(input[_start.._pos])}");
            }

            return This(TokenKind.Complex);
        }

        return This(TokenKind.Number);
    }

    private bool Accept(string valid)
    {
        int r = Next();
        if (r >= 0 && valid.Contains((char)r, StringComparison.Ordinal))
        {
            return true;
        }

        Backup();
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    private bool ScanNumber()
    {
        Accept("+-");
        string digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (IsAlphaNumeric(Peek()))
        {
            Next();
            return false;
        }

        return true;
    }

    private Token LexQuote()
    {
        while (true)
        {
            switch (Next())
            {
                case '\\':
                    int r = Next();
                    if (r != EofRune && r != '\n')
                    {
                        continue;
                    }

                    return Error("unterminated quoted string");
                case EofRune or '\n':
                    return Error("unterminated quoted string");
                case '"':
                    return This(TokenKind.String);
            }
        }
    }

    private Token LexRawQuote()
    {
        while (true)
        {
            switch (Next())
            {
                case EofRune:
                    return Error("unterminated raw quoted string");
                case '`':
                    return This(TokenKind.RawString);
            }
        }
    }
}
