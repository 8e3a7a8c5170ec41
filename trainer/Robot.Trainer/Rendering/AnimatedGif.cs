using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;
using SkiaSharp;

namespace Robot.Trainer.Rendering;

/// <summary>
/// Frames drawn with SkiaSharp (the library ScottPlot already brings) collected into an animated
/// GIF encoded by ImageSharp (SkiaSharp decodes GIFs but does not write them): one global palette
/// of at most 32 colours without dithering, so flat drawings stay small, looping for ever.
/// </summary>
public sealed class AnimatedGif : IDisposable
{
    readonly Image<Rgba32> _image;
    readonly int _delay;
    bool _first = true;

    /// <param name="frameSeconds">How long each frame shows (GIF counts in hundredths of a second).</param>
    public AnimatedGif(int width, int height, double frameSeconds)
    {
        Width = width;
        Height = height;
        _image = new Image<Rgba32>(width, height);
        _delay = Math.Max(2, (int)Math.Round(frameSeconds * 100)); // browsers slow down anything faster than 2
        _image.Metadata.GetGifMetadata().RepeatCount = 0;
    }

    public int Width { get; }
    public int Height { get; }
    public int Frames => _image.Frames.Count - (_first ? 1 : 0);

    /// <summary>A canvas to draw the next frame on, and the bitmap behind it (RGBA, premultiplied, opaque).</summary>
    public static (SKBitmap Bitmap, SKCanvas Canvas) NewSurface(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        return (bitmap, new SKCanvas(bitmap));
    }

    public void Add(SKBitmap bitmap)
    {
        if (bitmap.Width != Width || bitmap.Height != Height) throw new ArgumentException("every frame must have the GIF's size");
        using var frame = Image.LoadPixelData<Rgba32>(bitmap.Bytes, Width, Height);
        frame.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = _delay;
        if (_first)
        {
            _image.Frames.AddFrame(frame.Frames.RootFrame);
            _image.Frames.RemoveFrame(0); // the blank frame the image was created with
            _first = false;
        }
        else _image.Frames.AddFrame(frame.Frames.RootFrame);
    }

    public void Save(string path)
    {
        if (_first) throw new InvalidOperationException("no frames were drawn");
        var encoder = new GifEncoder
        {
            ColorTableMode = GifColorTableMode.Global,
            Quantizer = new OctreeQuantizer(new QuantizerOptions { MaxColors = 32, Dither = null }),
        };
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        _image.SaveAsGif(stream, encoder);
    }

    public void Dispose() => _image.Dispose();
}
