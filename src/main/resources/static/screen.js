// The live display on a <canvas>: each frame (a PNG with one pixel per LED) drawn scaled up, then a mask that
// turns every LED into a round dot on a dark board. A slow page skips frames; it never queues them.

const LED = 8; // canvas pixels per LED

function makeMask(width, height) {
  const tile = document.createElement('canvas');
  tile.width = tile.height = LED;
  const t = tile.getContext('2d');
  t.fillStyle = '#0b0b0b';
  t.fillRect(0, 0, LED, LED);
  t.globalCompositeOperation = 'destination-out';
  t.beginPath();
  t.arc(LED / 2, LED / 2, LED * 0.42, 0, Math.PI * 2);
  t.fill();
  t.globalCompositeOperation = 'source-over';
  t.fillStyle = 'rgba(255, 255, 255, 0.06)'; // an unlit LED still shows
  t.fill();
  const mask = document.createElement('canvas');
  mask.width = width * LED;
  mask.height = height * LED;
  const m = mask.getContext('2d');
  m.fillStyle = m.createPattern(tile, 'repeat');
  m.fillRect(0, 0, mask.width, mask.height);
  return mask;
}

export class LedScreen {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.mask = null;
    this.pending = null; // the newest frame not drawn yet
    this.drawing = false;
    this.frames = 0;
  }

  /** Sizes the canvas for a width × height panel; blank LEDs until the first frame. */
  fit(width, height) {
    const { canvas } = this;
    if (this.mask && canvas.width === width * LED && canvas.height === height * LED) return;
    canvas.width = width * LED;
    canvas.height = height * LED;
    this.mask = makeMask(width, height);
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, canvas.width, canvas.height);
    this.ctx.drawImage(this.mask, 0, 0);
  }

  /** Shows a `frame` event's data ({seq, width, height, png}) as soon as the frames before it are drawn. */
  show(frame) {
    this.pending = frame;
    if (!this.drawing) this.drawPending();
  }

  async drawPending() {
    this.drawing = true;
    while (this.pending) {
      const frame = this.pending;
      this.pending = null;
      const img = new Image();
      img.src = `data:image/png;base64,${frame.png}`;
      try {
        await img.decode();
      } catch {
        continue;
      }
      this.fit(frame.width, frame.height);
      this.ctx.imageSmoothingEnabled = false;
      this.ctx.drawImage(img, 0, 0, this.canvas.width, this.canvas.height);
      this.ctx.drawImage(this.mask, 0, 0);
      this.frames++;
      this.canvas.dataset.frames = String(this.frames); // for the browser test
      this.canvas.dataset.seq = String(frame.seq);
    }
    this.drawing = false;
  }
}
