import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../src/index.ts';
import { suggestTools } from '../../src/plan/suggest-tool.ts';
import { argumentNameFor } from '../../src/plan/match-argument-name.ts';
import { commandTool } from '../support/tools.ts';

const tools = [
  { name: 'Image_Downloader', description: 'Downloads an image from a given URL.' },
  { name: 'Image_to_Text', description: 'Extracts text from an input image using Optical Character Recognition (OCR).' },
  { name: 'Audio_to_Text', description: 'Transcribes speech from an audio file into text.' },
  { name: 'Text_to_Audio', description: 'Generates an audio file based on a given text description.' },
  { name: 'Audio_Splicer', description: 'Combines two audio files into a single output file.' },
  { name: 'extract_entities', description: 'Finds the people, places and organisations a text names (named entity recognition).' },
  { name: 'Text_Search', description: 'Searches for a specific text or keyword on the internet.' },
  { name: 'Image_Search', description: 'Searches for images on the internet based on a given query.' },
  { name: 'sell_stock', description: 'Sells shares of a stock at the market price.' },
  { name: 'enable_feature', description: 'Turns a feature flag on.' },
];

describe('did-you-mean for unknown tools: names and descriptions, word by word', () => {
  it.each([
    ['TextSearch', 'Text_Search'],
    ['Named Entity Recognition', 'extract_entities'],
    ['OCR', 'Image_to_Text'],
    ['Speech-to-Text', 'Audio_to_Text'],
    ['Text-to-Speech', 'Text_to_Audio'],
    ['Picture Downloader', 'Image_Downloader'],
    ['Audio Transcriber', 'Audio_to_Text'],
    ['Text-to-Speech (Voiceover)', 'Text_to_Audio'],
  ])('%s → %s', (written, meant) => {
    expect(suggestTools(written, tools)).toEqual([meant]);
  });

  it('alternatives written with "or" get one suggestion each', () => {
    expect(suggestTools('Text Search or Image Search', tools)).toEqual(['Text_Search', 'Image_Search']);
  });

  it.each([
    ['buy_stock', 'sell_stock'],
    ['disable_feature', 'enable_feature'],
    ['Image Uploader', 'Image_Downloader'],
    ['Image-to-Audio', 'Audio_to_Text'],
    ['Audio-to-Image', 'Image_to_Text'],
  ])('never the opposite action: %s is not %s', (written, opposite) => {
    expect(suggestTools(written, tools)).not.toContain(opposite);
  });

  it('nothing rather than a tool named for another thing: "Video Splicer" is not Audio_Splicer', () => {
    expect(suggestTools('Video Splicer', tools)).toEqual([]);
    expect(suggestTools('Weather Forecast', tools)).toEqual([]);
  });

  it('the compiler says it', () => {
    const declared = tools.map((tool) => commandTool(tool.name, ['echo'], { description: tool.description }));
    const result = compilePlan({ steps: [{ id: 1, tool: 'Speech Transcriber Tool', args: {} }, { id: 2, tool: 'Named Entity Recognition', args: {} }] }, declared);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message.replace(/ declared tools: .*/, ''))).toEqual([
      'step 1: unknown tool "Speech Transcriber Tool" (did you mean "Audio_to_Text"?',
      'step 2: unknown tool "Named Entity Recognition" (did you mean "extract_entities"?',
    ]);
  });
});

describe('did-you-mean for unknown argument names: the dressed-up forms of a declared one', () => {
  it.each([
    ['input_text', ['text', 'language'], 'text'],
    ['text_input', ['text'], 'text'],
    ['textInput', ['text'], 'text'],
    ['texts', ['text', 'limit'], 'text'],
    ['file_path', ['path', 'maxBytes'], 'path'],
    ['filePath', ['path'], 'path'],
    ['url_link', ['url'], 'url'],
    ['image_url', ['url'], 'url'],
    ['link', ['url', 'depth'], 'url'],
    ['audio_file_1', ['audio_1', 'audio_2'], 'audio_1'],
    ['input_audio_file', ['audio', 'text'], 'audio'],
    ['picture', ['image'], 'image'],
    ['max_result', ['max_results', 'query'], 'max_results'],
  ])('%s → %s', (written, declared, meant) => {
    expect(argumentNameFor(written, declared)).toBe(meant);
  });

  it.each([
    ['min_results', ['max_results']],
    ['output_text', ['input_text']],
    ['file', ['text', 'image']],
  ])('nothing for %s among %s', (written, declared) => {
    expect(argumentNameFor(written, declared)).toBeUndefined();
  });
});
