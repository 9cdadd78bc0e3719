namespace MediaBib.Infrastructure.Notifications.Letters;

/// <summary>Greedy word wrapping for the letters (SkiaSharp draws lines; breaking them is ours).</summary>
public static class TextWrapper
{
    /// <summary>
    /// Splits <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> as measured by
    /// <paramref name="measure"/>. Line breaks in the text are kept (an empty line stays empty); a word wider than
    /// a whole line is cut between characters.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, float maxWidth, Func<string, float> measure)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (measure(candidate) <= maxWidth)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (measure(current) > maxWidth && current.Length > 1)
                {
                    var fit = LongestFittingPrefix(current, maxWidth, measure);
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    private static int LongestFittingPrefix(string word, float maxWidth, Func<string, float> measure)
    {
        var length = 1;
        while (length < word.Length && measure(word[..(length + 1)]) <= maxWidth)
        {
            length++;
        }

        return length;
    }
}
