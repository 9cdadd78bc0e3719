using System.Globalization;
using System.Text;

namespace MediaBib.Sip2.Protocol;

/// <summary>
/// Character sets of terminals: UTF-8 or a legacy ASCII-compatible code page (IBM850 and Windows-1252 are common on
/// kiosks). Characters a code page lacks (œ, ’, €…) are written as their closest ASCII form rather than dropped.
/// </summary>
public static class Sip2Encodings
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>Resolves a charset name; throws <see cref="ArgumentException"/> with a sentence when it is unusable.</summary>
    public static Encoding Resolve(string name)
    {
        _ = Registered.Value;
        Encoding probe;
        try
        {
            probe = Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"The character set '{name}' is unknown (use utf-8, ibm850, windows-1252…).", nameof(name));
        }
        if (probe.CodePage == Encoding.UTF8.CodePage)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        }
        var encoding = Encoding.GetEncoding(probe.CodePage, new TransliteratingEncoderFallback(), DecoderFallback.ReplacementFallback);
        const string asciiProbe = "09AZ|az~ ";
        if (!encoding.GetBytes(asciiProbe).AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(asciiProbe)))
        {
            throw new ArgumentException($"The character set '{name}' is not ASCII-compatible, so SIP2 fields cannot be framed in it.", nameof(name));
        }
        return encoding;
    }

    /// <summary>Replaces a character the code page cannot hold by an ASCII approximation (é→e, œ→oe, ’→').</summary>
    private sealed class TransliteratingEncoderFallback : EncoderFallback
    {
        public override int MaxCharCount => 3;

        public override EncoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : EncoderFallbackBuffer
        {
            private string _replacement = "";
            private int _position;

            public override int Remaining => _replacement.Length - _position;

            public override bool Fallback(char charUnknown, int index)
            {
                _replacement = Transliterate(charUnknown);
                _position = 0;
                return _replacement.Length > 0;
            }

            public override bool Fallback(char charUnknownHigh, char charUnknownLow, int index)
            {
                _replacement = "?";
                _position = 0;
                return true;
            }

            public override char GetNextChar() => _position < _replacement.Length ? _replacement[_position++] : '\0';

            public override bool MovePrevious()
            {
                if (_position == 0)
                {
                    return false;
                }
                _position--;
                return true;
            }

            public override void Reset()
            {
                _replacement = "";
                _position = 0;
            }
        }

        private static string Transliterate(char c) => c switch
        {
            'œ' => "oe",
            'Œ' => "OE",
            'æ' => "ae",
            'Æ' => "AE",
            '’' or '‘' => "'",
            '“' or '”' or '«' or '»' => "\"",
            '–' or '—' => "-",
            '…' => "...",
            '€' => "EUR",
            '\u00A0' or '\u202F' => " ",
            _ => BaseLetter(c),
        };

        private static string BaseLetter(char c)
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            foreach (var d in decomposed)
            {
                if (d < 128 && CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    return d.ToString();
                }
            }
            return "?";
        }
    }
}
