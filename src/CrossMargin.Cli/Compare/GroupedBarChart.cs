using SkiaSharp;

namespace CrossMargin.Cli.Compare;

/// <summary>
/// A grouped bar chart rendered headless with SkiaSharp to PNG: one group per category, one bar per series, value
/// labels, a gridded y axis and a legend.
/// </summary>
internal static class GroupedBarChart
{
    private const int Width = 1100, Height = 600, Left = 90, Right = 30, Top = 70, Bottom = 80;

    private static readonly SKColor[] Palette = [new(0x9E, 0x9E, 0x9E), new(0x42, 0x85, 0xF4), new(0x0F, 0x9D, 0x58)];

    /// <param name="values">values[category][series]</param>
    public static void Save(string path, string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<string> series, decimal[][] values)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = Typeface();
        using var titleFont = new SKFont(typeface, 22);
        using var font = new SKFont(typeface, 14);
        using var small = new SKFont(typeface, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xE0, 0xE0, 0xE0), StrokeWidth = 1 };

        canvas.DrawText(title, Width / 2f, 34, SKTextAlign.Center, titleFont, ink);
        var max = (double)values.SelectMany(v => v).DefaultIfEmpty(1).Max();
        var step = NiceStep(max / 5);
        var top = Math.Ceiling(max / step) * step;
        float plotHeight = Height - Top - Bottom, plotWidth = Width - Left - Right;
        float Y(double v) => Top + plotHeight * (float)(1 - v / top);
        for (var v = 0.0; v <= top + step / 2; v += step)
        {
            canvas.DrawLine(Left, Y(v), Width - Right, Y(v), grid);
            canvas.DrawText(v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Left - 8, Y(v) + 5, SKTextAlign.Right, small, ink);
        }
        canvas.Save();
        canvas.RotateDegrees(-90, 22, Top + plotHeight / 2);
        canvas.DrawText(yLabel, 22, Top + plotHeight / 2, SKTextAlign.Center, font, ink);
        canvas.Restore();

        var groupWidth = plotWidth / categories.Count;
        var barWidth = groupWidth * 0.8f / series.Count;
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = Left + c * groupWidth + groupWidth * 0.1f;
            for (var s = 0; s < series.Count; s++)
            {
                using var fill = new SKPaint { Color = Palette[s % Palette.Length], IsAntialias = true };
                var v = (double)values[c][s];
                var x = x0 + s * barWidth;
                canvas.DrawRect(new SKRect(x + 2, Y(v), x + barWidth - 2, Y(0)), fill);
                canvas.DrawText(v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), x + barWidth / 2, Y(v) - 6, SKTextAlign.Center, small, ink);
            }
            canvas.DrawText(categories[c], Left + (c + 0.5f) * groupWidth, Height - Bottom + 24, SKTextAlign.Center, font, ink);
        }
        canvas.DrawLine(Left, Y(0), Width - Right, Y(0), ink);

        for (var s = 0; s < series.Count; s++)
        {
            var x = Left + 20 + s * 170f;
            using var fill = new SKPaint { Color = Palette[s % Palette.Length] };
            canvas.DrawRect(new SKRect(x, Height - 34, x + 16, Height - 18), fill);
            canvas.DrawText(series[s], x + 24, Height - 20, SKTextAlign.Left, font, ink);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>1, 2 or 5 × a power of ten, at least <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        if (raw <= 0)
            return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
    }

    /// <summary>
    /// The native library is built without fontconfig (NoDependencies), so system fonts are not found by family name:
    /// load DejaVu Sans (Debian's default) from its file when present, else Skia's built-in default.
    /// </summary>
    private static SKTypeface Typeface()
    {
        foreach (var file in new[] { "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf" })
        {
            if (File.Exists(file) && SKTypeface.FromFile(file) is { } face)
                return face;
        }
        return SKTypeface.Default;
    }
}
