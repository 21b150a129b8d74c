// Images a tool returned, judged before they are kept or sent: by their bytes, capped, and a line
// for each one left out; for a kind that takes no images, a line in place of them.
import { describe, expect, it } from 'vitest';
import { adapters } from '../providers/registry';
import type { BackendTarget, ChatTurn } from '../providers/types';
import { admitToolImages, refusesToolImages, toolImageLimits, toolImageName, withoutToolImages } from './tool-images';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const b64 = (bytes: Buffer) => bytes.toString('base64');

describe('admitToolImages', () => {
  it('keeps an image by its magic bytes, under the type they say, whatever the server claimed', () => {
    const admitted = admitToolImages([{ mime: 'image/jpeg', base64: b64(png) }]);
    expect(admitted.notes).toEqual([]);
    expect(admitted.images).toEqual([{ mime: 'image/png', data: png }]);
  });

  it('leaves out what is no PNG, JPEG, WebP or GIF (an SVG, text, broken base64), saying so', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const admitted = admitToolImages([
      { mime: 'image/svg+xml', base64: b64(svg) },
      { mime: 'image/png', base64: '%%%not base64%%%' },
    ]);
    expect(admitted.images).toEqual([]);
    expect(admitted.notes).toEqual([
      '[Image left out: not a PNG, JPEG, WebP or GIF image (said image/svg+xml)]',
      '[Image left out: not a PNG, JPEG, WebP or GIF image (said image/png)]',
    ]);
  });

  it('caps each image and the number a result keeps', () => {
    const big = Buffer.concat([png, Buffer.alloc(toolImageLimits.bytes)]);
    const many = Array.from({ length: toolImageLimits.perResult + 1 }, () => ({ mime: 'image/png', base64: b64(png) }));
    expect(admitToolImages([{ mime: 'image/png', base64: b64(big) }])).toEqual({
      images: [],
      notes: ['[Image left out: 5.1 MB is over the 5.0 MB limit]'],
    });
    const capped = admitToolImages(many);
    expect(capped.images).toHaveLength(toolImageLimits.perResult);
    expect(capped.notes).toEqual(['[Image left out: a tool result keeps at most 4 images]']);
  });

  it('names a stored image after its tool, never with a path in it', () => {
    expect(toolImageName('get-tiny-image', 0, 'image/png')).toBe('get-tiny-image-image-1.png');
    expect(toolImageName('../../etc/passwd', 1, 'image/jpeg')).toBe('.._.._etc_passwd-image-2.jpg');
  });
});

describe('withoutToolImages', () => {
  it("replaces a tool result's images with a line saying they were left out, and leaves the user's turns alone", () => {
    const image = { mime: 'image/png', base64: b64(png) };
    const turns = withoutToolImages([
      { role: 'user', content: 'hi', images: [image] },
      { role: 'tool', content: 'A chart:', toolCallId: 'c1', toolName: 't', images: [image, image] },
      { role: 'tool', content: '', toolCallId: 'c2', toolName: 't', images: [image] },
    ]);
    expect(turns).toEqual([
      { role: 'user', content: 'hi', images: [image] },
      {
        role: 'tool',
        content: 'A chart:\n[2 images the tool returned left out: this model takes text only]',
        toolCallId: 'c1',
        toolName: 't',
      },
      {
        role: 'tool',
        content: '[An image the tool returned left out: this model takes text only]',
        toolCallId: 'c2',
        toolName: 't',
      },
    ]);
  });
});

describe('a tool image for a kind that takes none', () => {
  it('reaches a prompt-only kind (KoboldCpp) as the line saying it was left out, never as bytes', () => {
    const image = { mime: 'image/png', base64: b64(png) };
    const turns: ChatTurn[] = [
      { role: 'user', content: 'Show me the logo' },
      { role: 'assistant', content: '', toolCalls: [{ index: 0, id: 'c1', name: 'logo', arguments: '{}' }] },
      { role: 'tool', content: 'Here it is:', toolCallId: 'c1', toolName: 'logo', images: [image] },
    ];
    const target: BackendTarget = { kind: 'koboldcpp', baseUrl: 'http://h:1', apiKey: null, http: 'auto' };
    const plan = adapters.koboldcpp.plan({ model: 'm', params: {}, messages: withoutToolImages(turns) }, target);
    const body = plan.body ?? '';
    expect(body).toContain('Here it is:\\n[An image the tool returned left out: this model takes text only]');
    expect(body).not.toContain(image.base64);
  });
});

describe('refusesToolImages', () => {
  const image = { mime: 'image/png', base64: b64(png) };
  const withToolImage: ChatTurn[] = [
    { role: 'user', content: 'q' },
    { role: 'tool', content: 'r', toolCallId: 'c', toolName: 't', images: [image] },
  ];
  const refusal = (message: string, status = 400) =>
    ({ code: 'invalid_input', message, retryable: false, ...(status ? { status } : {}) }) as const;

  it("reads the servers' refusals of images as a model without vision, when the tool results carried some", () => {
    for (const message of [
      'image input is not supported - hint: if this is unexpected, you may need to provide the mmproj',
      'At most 0 image(s) may be provided in one prompt.',
      'Model does not support images. Please use a model that does.',
      'this model is not multimodal',
    ]) {
      expect(refusesToolImages(refusal(message), withToolImage), message).toBe(true);
    }
  });

  it('leaves every other failure alone: another error, no tool images, the user’s own images, no HTTP status', () => {
    expect(refusesToolImages(refusal('maximum context length exceeded'), withToolImage)).toBe(false);
    expect(refusesToolImages(refusal('image input is not supported'), [{ role: 'user', content: 'q' }])).toBe(false);
    expect(
      refusesToolImages(refusal('image input is not supported'), [
        { role: 'user', content: 'q', images: [image] },
        ...withToolImage.slice(1),
      ]),
    ).toBe(false);
    expect(refusesToolImages(refusal('image input is not supported', 0), withToolImage)).toBe(false);
  });
});
