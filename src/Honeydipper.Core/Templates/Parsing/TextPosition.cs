using System.Text;

namespace Honeydipper.Core.Templates.Parsing;

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
