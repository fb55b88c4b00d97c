using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CrossMargin.Ethereum.Generators;

/// <summary>
/// A tiny strict JSON reader (analyzers cannot rely on System.Text.Json on netstandard2.0). Objects
/// become Dictionary&lt;string, object?&gt;, arrays List&lt;object?&gt;, numbers their raw text, plus
/// string/bool/null. Top-level object members also keep their raw source text so the ABI array can be
/// embedded verbatim.
/// </summary>
internal sealed class MiniJson
{
    private const int MaxDepth = 128;
    private readonly string _text;
    private int _pos;

    private MiniJson(string text) => _text = text;

    public static object? Parse(string text) => Parse(text, out _);

    /// <summary>Parses; <paramref name="rawMembers"/> gets the raw JSON text of each top-level object member.</summary>
    public static object? Parse(string text, out Dictionary<string, string> rawMembers)
    {
        var reader = new MiniJson(text);
        rawMembers = new Dictionary<string, string>(StringComparer.Ordinal);
        var value = reader.ReadValue(0, rawMembers);
        reader.SkipWhitespace();
        if (reader._pos != text.Length)
            throw reader.Error("trailing characters");
        return value;
    }

    private object? ReadValue(int depth, Dictionary<string, string>? raw)
    {
        if (depth > MaxDepth)
            throw Error("nesting too deep");
        SkipWhitespace();
        if (_pos >= _text.Length)
            throw Error("unexpected end");
        switch (_text[_pos])
        {
            case '{': return ReadObject(depth, raw);
            case '[': return ReadArray(depth);
            case '"': return ReadString();
            case 't': Expect("true"); return true;
            case 'f': Expect("false"); return false;
            case 'n': Expect("null"); return null;
            default: return ReadNumber();
        }
    }

    private Dictionary<string, object?> ReadObject(int depth, Dictionary<string, string>? raw)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _pos++;
        SkipWhitespace();
        if (TryConsume('}'))
            return result;
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] != '"')
                throw Error("expected member name");
            var name = ReadString();
            SkipWhitespace();
            if (!TryConsume(':'))
                throw Error("expected ':'");
            SkipWhitespace();
            var start = _pos;
            result[name] = ReadValue(depth + 1, null);
            if (raw != null)
                raw[name] = _text.Substring(start, _pos - start);
            SkipWhitespace();
            if (TryConsume('}'))
                return result;
            if (!TryConsume(','))
                throw Error("expected ',' or '}'");
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        _pos++;
        SkipWhitespace();
        if (TryConsume(']'))
            return result;
        while (true)
        {
            result.Add(ReadValue(depth + 1, null));
            SkipWhitespace();
            if (TryConsume(']'))
                return result;
            if (!TryConsume(','))
                throw Error("expected ',' or ']'");
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error("unterminated string");
            var c = _text[_pos++];
            if (c == '"')
                return sb.ToString();
            if (c < 0x20)
                throw Error("control character in string");
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (_pos >= _text.Length)
                throw Error("unterminated escape");
            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        throw Error("bad \\u escape");
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default: throw Error("bad escape");
            }
        }
    }

    private string ReadNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0)
            _pos++;
        if (start == _pos)
            throw Error("unexpected character '" + _text[_pos] + "'");
        return _text.Substring(start, _pos - start);
    }

    private void Expect(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            throw Error("expected " + literal);
        _pos += literal.Length;
    }

    private bool TryConsume(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r' || _text[_pos] == '\uFEFF'))
            _pos++;
    }

    private FormatException Error(string what) => new FormatException("invalid JSON at offset " + _pos + ": " + what);
}
