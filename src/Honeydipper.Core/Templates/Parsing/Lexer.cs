using System.Globalization;

namespace Honeydipper.Core.Templates.Parsing;

/// <summary>
/// Go's text/template scanner (parse/lex.go, Go 1.24): text, actions between delimiters with <c>{{- -}}</c> trimming,
/// comments, strings, numbers, fields, variables and keywords. Pull-based: the parser asks for one item at a time.
/// </summary>
internal sealed partial class Lexer(string input, string leftDelim, string rightDelim)
{
    private const string LeftComment = "/*";
    private const string RightComment = "*/";
    private const int TrimMarkerLength = 2;

    private int _pos;
    private int _start;
    private int _line = 1;
    private int _startLine = 1;
    private int _parenDepth;
    private bool _insideAction;
    private bool _atEof;
    private bool _failed;

    public bool BreakOk { get; set; } = true;

    public bool ContinueOk { get; set; } = true;

    public Token NextItem()
    {
        if (_failed)
        {
            return new Token(TokenKind.Eof, _pos, "EOF", _startLine);
        }

        return _insideAction ? LexInsideAction() : LexText();
    }

    private const int EofRune = -1;

    private int Next()
    {
        if (_pos >= input.Length)
        {
            _atEof = true;
            return EofRune;
        }

        char c = input[_pos++];
        if (c == '\n')
        {
            _line++;
        }

        return c;
    }

    private int Peek()
    {
        int r = Next();
        Backup();
        return r;
    }

    private void Backup()
    {
        if (_atEof)
        {
            _atEof = false;
            return;
        }

        if (_pos > 0)
        {
            _pos--;
            if (input[_pos] == '\n')
            {
                _line--;
            }
        }
    }

    private Token This(TokenKind kind)
    {
        Token t = new(kind, _start, input[_start.._pos], _startLine);
        _start = _pos;
        _startLine = _line;
        return t;
    }

    private void Ignore()
    {
        _line += CountNewlines(_start, _pos);
        _start = _pos;
        _startLine = _line;
    }

    private int CountNewlines(int from, int to)
    {
        int n = 0;
        for (int i = from; i < to; i++)
        {
            if (input[i] == '\n')
            {
                n++;
            }
        }

        return n;
    }

    private Token Error(string message)
    {
        Token t = new(TokenKind.Error, _start, message, _startLine);
        _failed = true;
        return t;
    }

    private static bool IsSpace(int r) => r is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(int r) => r == '_' || (r >= 0 && (char.IsLetter((char)r) || char.IsDigit((char)r)));

    private bool HasLeftTrimMarker(int at) => at + 1 < input.Length && input[at] == '-' && IsSpace(input[at + 1]);

    private bool HasRightTrimMarker(int at) => at + 1 < input.Length && IsSpace(input[at]) && input[at + 1] == '-';

    private bool StartsWith(int at, string s) => at <= input.Length && input.AsSpan(at).StartsWith(s, StringComparison.Ordinal);

    private Token LexText()
    {
        int x = input.IndexOf(leftDelim, _pos, StringComparison.Ordinal);
        if (x >= 0)
        {
            if (x > _pos)
            {
                _pos = x;
                int trim = 0;
                if (HasLeftTrimMarker(_pos + leftDelim.Length))
                {
                    trim = RightTrimLength(_start, _pos);
                }

                _pos -= trim;
                _line += CountNewlines(_start, _pos);
                Token t = This(TokenKind.Text);
                _pos += trim;
                Ignore();
                if (t.Value.Length > 0)
                {
                    return t;
                }
            }

            return LexLeftDelim();
        }

        _pos = input.Length;
        if (_pos > _start)
        {
            _line += CountNewlines(_start, _pos);
            return This(TokenKind.Text);
        }

        return This(TokenKind.Eof) with { Value = "EOF" };
    }

    private int RightTrimLength(int from, int to)
    {
        int i = to;
        while (i > from && IsSpace(input[i - 1]))
        {
            i--;
        }

        return to - i;
    }

    private int LeftTrimLength(int from)
    {
        int i = from;
        while (i < input.Length && IsSpace(input[i]))
        {
            i++;
        }

        return i - from;
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && StartsWith(_pos + TrimMarkerLength, rightDelim))
        {
            return (true, true);
        }

        return (StartsWith(_pos, rightDelim), false);
    }

    private Token LexLeftDelim()
    {
        _pos += leftDelim.Length;
        bool trim = HasLeftTrimMarker(_pos);
        int after = trim ? TrimMarkerLength : 0;
        if (StartsWith(_pos + after, LeftComment))
        {
            _pos += after;
            Ignore();
            return LexComment();
        }

        Token t = This(TokenKind.LeftDelim);
        _insideAction = true;
        _pos += after;
        Ignore();
        _parenDepth = 0;
        return t;
    }

    private Token LexComment()
    {
        _pos += LeftComment.Length;
        int x = input.IndexOf(RightComment, _pos, StringComparison.Ordinal);
        if (x < 0)
        {
            return Error("unclosed comment");
        }

        _pos = x + RightComment.Length;
        (bool delim, bool trim) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }

        _line += CountNewlines(_start, _pos);
        if (trim)
        {
            _pos += TrimMarkerLength;
        }

        _pos += rightDelim.Length;
        if (trim)
        {
            _pos += LeftTrimLength(_pos);
        }

        Ignore();
        return LexText();
    }

    private Token LexRightDelim()
    {
        (_, bool trim) = AtRightDelim();
        if (trim)
        {
            _pos += TrimMarkerLength;
            Ignore();
        }

        _pos += rightDelim.Length;
        Token t = This(TokenKind.RightDelim);
        if (trim)
        {
            _pos += LeftTrimLength(_pos);
            Ignore();
        }

        _insideAction = false;
        return t;
    }

    private Token LexInsideAction()
    {
        (bool delim, _) = AtRightDelim();
        if (delim)
        {
            return _parenDepth == 0 ? LexRightDelim() : Error("unclosed left paren");
        }

        int r = Next();
        switch (r)
        {
            case EofRune:
                return Error("unclosed action");
            case ' ' or '\t' or '\r' or '\n':
                Backup();
                return LexSpace();
            case '=':
                return This(TokenKind.Assign);
            case ':':
                return Next() != '=' ? Error("expected :=") : This(TokenKind.Declare);
            case '|':
                return This(TokenKind.Pipe);
            case '"':
                return LexQuote();
            case '`':
                return LexRawQuote();
            case '$':
                return LexVariable();
            case '\'':
                return LexChar();
            case '.':
                if (_pos < input.Length && (input[_pos] < '0' || input[_pos] > '9'))
                {
                    return LexFieldOrVariable(TokenKind.Field);
                }

                Backup();
                return LexNumber();
            case '+' or '-' or (>= '0' and <= '9'):
                Backup();
                return LexNumber();
            case '(':
                _parenDepth++;
                return This(TokenKind.LeftParen);
            case ')':
                _parenDepth--;
                return _parenDepth < 0 ? Error("unexpected right paren") : This(TokenKind.RightParen);
        }

        if (IsAlphaNumeric(r))
        {
            Backup();
            return LexIdentifier();
        }

        if (r < 0x80 && r >= 0x20 && r != 0x7f)
        {
            return This(TokenKind.Char);
        }

        return Error($"unrecognized character in action: {FormatRune(r)}");
    }

    /// <summary>Go's <c>%#U</c>: <c>U+0023 '#'</c>.</summary>
    internal static string FormatRune(int r)
    {
        string code = "U+" + r.ToString("X4", CultureInfo.InvariantCulture);
        return r >= 0 && Values.GoStrings.IsPrint(r) ? $"{code} '{(char)r}'" : code;
    }

    private Token LexSpace()
    {
        int spaces = 0;
        while (IsSpace(Peek()))
        {
            Next();
            spaces++;
        }

        if (HasRightTrimMarker(_pos - 1) && StartsWith(_pos - 1 + TrimMarkerLength, rightDelim))
        {
            Backup();
            if (spaces == 1)
            {
                return LexRightDelim();
            }
        }

        return This(TokenKind.Space);
    }
}
