// Names of the rules and chips in the forms news in each language writes them, each
// within the context the pack asks for, and the same forms silent where they mean
// something else. Sentences written for this test, in the outlets' habits.
import { describe, expect, it } from 'vitest';
import { bundledMatcher } from '../../../scan/bundled';
import { scanHtml } from '../../../scan/scan';

const matcher = bundledMatcher();
const page = (lang: string, text: string) => `<!doctype html><html lang="${lang}"><body><article><p>${text}</p></article></body></html>`;
const found = (lang: string, text: string) => scanHtml(matcher, page(lang, text), { firstMentionOnly: false }).map((m) => `${m.entity}:${m.text}`);

describe('rule names as the press writes them', () => {
  it.each([
    ['ja', 'トランプ政権はAI拡散ルールを撤回し、エヌビディアのH20には輸出制限が続く。', ['ai-diffusion-rule:AI拡散ルール', 'export-controls:輸出制限']],
    ['ja', '商務省は「AIの拡散に関する枠組み」で先端半導体の輸出禁止を広げた。エヌビディアのH20とAMDのMI308も対象になった。', ['ai-diffusion-rule:AIの拡散に関する枠組み', 'export-controls:輸出禁止']],
    ['zh-Hant', '川普政府廢除AI擴散規則，輝達H20晶片的出口管控仍在。', ['ai-diffusion-rule:AI擴散規則', 'export-controls:出口管控']],
    ['zh-Hans', '美国商务部撤销AI扩散规则后，英伟达芯片仍受出口管制。', ['ai-diffusion-rule:AI扩散规则', 'export-controls:出口管制']],
    ['fr', "Washington abandonne la règle de diffusion de l'IA, mais les contrôles à l'export sur les semi-conducteurs restent : Nvidia ne peut toujours pas vendre ses puces H200 en Chine.", ["ai-diffusion-rule:règle de diffusion de l'IA", "export-controls:contrôles à l'export"]],
    ['es', 'Trump derogó la Regla de Difusión de Biden, pero las restricciones de exportación de semiconductores siguen: Nvidia solo puede vender el H20 en China.', ['ai-diffusion-rule:Regla de Difusión', 'export-controls:restricciones de exportación']],
    ['de', 'Die Exportrestriktionen für Nvidia-Chips bleiben, ein Exportstopp für den H20 droht.', ['export-controls:Exportrestriktionen', 'export-controls:Exportstopp']],
  ])('%s: %s', (lang, text, expected) => {
    const mentions = found(lang, text);
    for (const e of expected) expect(mentions, mentions.join(', ')).toContain(e);
  });
});

describe('chip names written with a hyphen', () => {
  it('are the chips on a page about chips', () => {
    const mentions = found('en', 'Nvidia has begun shipping to China again. Security officials argued that letting China buy the H-200 chips, not just the H-20, would help its military.');
    expect(mentions).toEqual(expect.arrayContaining(['h200:H-200', 'h20:H-20']));
  });

  it('are left alone where they name something else: China’s H-20 stealth bomber', () => {
    const mentions = found('en', 'The Xian H-20 stealth bomber is expected to fly soon, analysts said, and the H-20 would extend the reach of the air force.');
    expect(mentions.filter((m) => m.startsWith('h20'))).toEqual([]);
  });
});

describe('abbreviations a page uses in another sense', () => {
  it('AMD on a page about macular degeneration stays the disease, even where the page talks about AI and Nvidia GPUs', () => {
    const mentions = found(
      'en',
      'Patients with AMD lose central vision. A deep learning model trained on retinal scans flagged early AMD, and the screening device runs on an Nvidia GPU; new imaging chips make it cheap. Macular degeneration affects 200 million people.',
    );
    expect(mentions.filter((m) => m.startsWith('amd'))).toEqual([]);
  });

  it('BIS on a page about the Bank for International Settlements stays the bank', () => {
    const mentions = found(
      'en',
      'The Bank for International Settlements warned that AI chips from Nvidia now drive market swings. The BIS said central banks should watch the H20 trade.',
    );
    expect(mentions.filter((m) => m.startsWith('bis'))).toEqual([]);
    expect(mentions).toContain('nvidia:Nvidia');
  });

  it('and the chip maker and the US bureau are themselves elsewhere', () => {
    const mentions = found('en', 'BIS told AMD and Nvidia that their AI chips for China, the MI308 and the H20, need a licence.');
    expect(mentions).toEqual(expect.arrayContaining(['bis:BIS', 'amd:AMD']));
  });
});
