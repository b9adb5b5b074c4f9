// Hostile inputs too big or too strange to keep in a case file, made on demand by name (a case's
// `input.generate`); bench/hostile-inputs.ts times the big ones.

export function generatedInput(name: string): string | Buffer {
  switch (name) {
    case 'plan-50mb':
      return `{"steps":[{"id":1,"action":"Flood","tool":"echo_args","args":{"text":"${'A'.repeat(50 * 1024 * 1024)}"}}]}`;
    case 'plan-argument-100kb':
      return `{"steps":[{"id":1,"tool":"echo_args","args":{"text":"${'A'.repeat(100_000)}"}}]}`;
    case 'plan-nested-10000':
      return `{"steps":[{"id":1,"tool":"echo_args","args":{"text":"x","deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}`;
    case 'yaml-alias-bomb': {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
      return `version: 1\nname: bomb\ntask: boom\ntools: []\n${levels.join('\n')}\n`;
    }
    case 'yaml-nested-10000':
      return `version: 1\nname: deep\ntask: deep\ntools: []\ndescription: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    case 'yaml-2mb':
      return `version: 1\nname: big\ntask: big\ntools: []\ndescription: "${'x'.repeat(2 * 1024 * 1024)}"\n`;
    case 'yaml-not-utf8':
      return Buffer.concat([Buffer.from('version: 1\nname: latin1\ntask: "caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"\ntools: []\n')]);
    default:
      throw new Error(`unknown generator ${name}`);
  }
}
