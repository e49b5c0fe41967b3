using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Mercato.Features.Home;

/// <summary>A small line chart drawn on the server as inline SVG (no script): one value per month, gaps where a month has none.</summary>
public static class Sparkline
{
    /// <summary>Width of the drawing, in pixels.</summary>
    public const int Width = 120;

    /// <summary>Height of the drawing, in pixels.</summary>
    public const int Height = 28;

    private const double Pad = 3;

    /// <summary>
    /// The SVG of <paramref name="values"/> (oldest first), scaled between their smallest and largest value, the last
    /// point marked; empty when none has a value. <paramref name="label"/> names it for screen readers.
    /// </summary>
    public static MarkupString Svg(IReadOnlyList<decimal?> values, string label)
    {
        ArgumentNullException.ThrowIfNull(values);
        var known = values.OfType<decimal>().ToList();
        if (known.Count == 0)
        {
            return new("");
        }

        double min = (double)known.Min(), max = (double)known.Max();
        var step = values.Count > 1 ? (Width - (2 * Pad)) / (values.Count - 1) : 0;
        (double X, double Y) At(int i, decimal v) => (
            Pad + (i * step),
            max == min ? Height / 2.0 : Pad + ((max - (double)v) / (max - min) * (Height - (2 * Pad))));

        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg class=\"sparkline\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\">");
        var run = new List<(double X, double Y)>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append("<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"")
                    .AppendJoin(' ', run.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}"))).Append("\"/>");
            }
            else if (run.Count == 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{run[0].X:0.#}\" cy=\"{run[0].Y:0.#}\" r=\"1.5\" fill=\"currentColor\"/>");
            }

            run.Clear();
        }

        (double X, double Y) last = default;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                last = At(i, v);
                run.Add(last);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{last.X:0.#}\" cy=\"{last.Y:0.#}\" r=\"2.5\" fill=\"currentColor\"/></svg>");
        return new(svg.ToString());
    }
}
