/** Static pools the seed draws from (names, texts, files, effects). */

export const SENTENCES = [
  'Hey, are we still on for tomorrow?',
  'Yes! 10am works for me.',
  'Can you send me the deck before the call?',
  'Just landed, heading to the hotel now.',
  'The invoice is attached, let me know if anything looks off.',
  'Running 5 minutes late, sorry!',
  'That sounds great, thank you 🙏',
  'Did you see the game last night?',
  'Let me check with the team and get back to you.',
  'Happy birthday!! 🎉',
  'Could we move the meeting to Thursday?',
  'Here is the address: 1600 Pennsylvania Ave NW',
  'Perfect, see you there.',
  'What time does the store open on Sundays?',
  'I will pick up the kids at 4.',
  'Order #4821 has shipped 📦',
  'Thanks for the quick reply!',
  'Can you call me when you get a chance?',
  'Lunch at the usual place?',
  'Reminder: dentist appointment at 3pm',
  'Nice, congrats on the launch 🚀',
  'ok',
  'Sounds good 👍',
  'Where did you park?',
  'Let us circle back next week.',
  'Got it, thanks.',
  'Which flight are you on?',
  'I love this photo!',
  'Can you review my PR when you have a minute?',
  'The wifi password is on the fridge.',
];

export const GROUP_NAMES = ['Weekend plans', 'Launch team', 'Family', 'Book club', 'Ski trip'];

export const FILES: { filename: string; mime: string; min: number; max: number }[] = [
  { filename: 'photo.jpg', mime: 'image/jpeg', min: 80_000, max: 2_400_000 },
  { filename: 'screenshot.png', mime: 'image/png', min: 40_000, max: 900_000 },
  { filename: 'invoice.pdf', mime: 'application/pdf', min: 20_000, max: 400_000 },
  { filename: 'clip.mov', mime: 'video/quicktime', min: 1_000_000, max: 9_000_000 },
  { filename: 'voice.m4a', mime: 'audio/x-m4a', min: 30_000, max: 300_000 },
  { filename: 'party.gif', mime: 'image/gif', min: 50_000, max: 1_500_000 },
];

export const LINKS = [
  'https://www.example.com/articles/quarterly-report',
  'https://maps.example.org/place/blue-bottle-coffee',
  'https://shop.example.com/orders/4821',
  'https://video.example.net/watch?v=sandbox',
];

export const TAPBACKS = ['love', 'like', 'dislike', 'laugh', 'emphasize', 'question'] as const;
export const CUSTOM_EMOJI = ['🚀', '🔥', '🙌', '😍', '🎯'];

export const SCREEN_EFFECTS = ['confetti', 'fireworks', 'lasers', 'balloons', 'hearts', 'echo'];
export const BUBBLE_EFFECTS = ['slam', 'loud', 'gentle', 'invisible'];

export const EMAILS = ['alex.rivera@example.com', 'sam.lee@example.com', 'jordan@example.org'];

export const SEED_EPOCH = Date.UTC(2025, 0, 6, 15, 0, 0);
