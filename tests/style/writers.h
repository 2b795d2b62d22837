// Hand-written writers for the style tests: each has fixed habits (greeting, sign-off, sentence
// length, casing, punctuation, keigo) and a bank of sentences, so messages vary in content but
// keep the writer's style. Deterministic; no corpus text.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace becguard::style::testing {

struct Writer {
  std::string_view greeting;  // "{}" is replaced by a recipient's name
  std::vector<std::string_view> sentences;
  std::string_view joiner;  // between sentences
  std::string_view signoff;
  int per_message;  // sentences per message
};

inline const std::array<std::string_view, 6> kNames{"Anna", "Ben", "Carla", "Dev", "Elif", "Femi"};

inline std::string Message(const Writer& w, int i) {
  std::string text;
  if (!w.greeting.empty()) {
    std::string greeting(w.greeting);
    if (auto at = greeting.find("{}"); at != std::string::npos) {
      greeting.replace(at, 2, kNames[static_cast<std::size_t>(i) % kNames.size()]);
    }
    text += greeting + "\n\n";
  }
  for (int k = 0; k < w.per_message; ++k) {
    const std::size_t pick =
        (static_cast<std::size_t>(i) * 7 + static_cast<std::size_t>(k) * 3) % w.sentences.size();
    if (k > 0) text += w.joiner;
    text += w.sentences[pick];
  }
  text += "\n\n";
  text += w.signoff;
  text += "\n";
  return text;
}

// Terse, dashes, "-Vince".
inline Writer Terse() {
  return {"",
          {"Looks fine to me -- go ahead.", "Can we move this to Thursday?",
           "I talked to the desk -- numbers are off by a bit.", "Send me the model when ready.",
           "Not sure this works -- let's discuss.", "Price curve needs another look.",
           "Who owns the follow-up here?", "Good work on the term sheet.",
           "I'll call you after the meeting -- keep it short.", "Need the final version by noon."},
          "  ",
          "-Vince",
          9};
}

// Formal, long sentences, "Dear X," and "Kind regards,".
inline Writer Formal() {
  return {"Dear {},",
          {"I hope this message finds you well, and that the preparations for the quarterly "
           "review are progressing as planned.",
           "Further to our conversation yesterday, I would be grateful if you could share the "
           "revised figures with the finance committee at your earliest convenience.",
           "Please note that the board has asked for a summary of the outstanding items, "
           "including the contractual obligations that remain open with our suppliers.",
           "I would also appreciate it if you could confirm the dates of the site visit, as "
           "several colleagues will need to arrange their travel accordingly.",
           "Should you have any questions regarding the attached documents, please do not "
           "hesitate to contact me directly.",
           "In addition, the legal department has requested a copy of the signed agreement, "
           "which I understand is currently with your team for review."},
          " ",
          "Kind regards,\nMargaret Okafor",
          4};
}

// All lower case, exclamation marks, no greeting, "thx".
inline Writer Casual() {
  return {"",
          {"hey so the numbers came back and they look great!!", "pls check the deck before 3",
           "i think we are good on the contract now", "thx for sorting the hotel!!",
           "lunch tomorrow? my treat", "can u forward me the invoice again",
           "meeting moved to 4 btw", "love the new logo!!", "ok will do", "got it, thanks!!"},
          ". ",
          "thx",
          10};
}

// "Hello X!", questions, "Cheers,".
inline Writer Friendly() {
  return {"Hello {}!",
          {"How did the workshop go on Monday?", "Could you add me to the invite for Friday?",
           "Do we already have a budget for the spring campaign?",
           "I have put the draft in the shared folder, does it make sense to you?",
           "Would it help if I joined the call with the agency?",
           "Are the new templates ready for a first review?",
           "Shall we ask the design team for two more options?"},
          " ",
          "Cheers,\nPriya",
          6};
}

// Short declaratives with numbers, "Thanks,\nTom".
inline Writer Numbers() {
  return {"",
          {"Volumes for March were 1,240 units.", "The Q2 forecast is 3.1M.",
           "Freight cost rose 4% week on week.", "Warehouse B is at 87% capacity.",
           "Order 55821 shipped on 12 May.", "We booked 14 trucks for June.",
           "Returns fell to 2.3% in April.", "Inventory turns are 6.4."},
          " ",
          "Thanks,\nTom",
          8};
}

// Two Japanese writers: polite keigo business style, and plain casual style.
inline Writer JapanesePolite() {
  return {"{}様",
          {"いつもお世話になっております。", "先日の打ち合わせでは大変お世話になりました。",
           "ご依頼いただいた資料を添付いたしますので、ご確認くださいますようお願い申し上げます。",
           "来週の会議の日程につきまして、ご都合をお知らせいただけますでしょうか。",
           "見積書の金額に誤りがございましたので、訂正版をお送りいたします。",
           "お忙しいところ恐縮ですが、ご検討のほどよろしくお願いいたします。",
           "何かご不明な点がございましたら、お気軽にお問い合わせください。"},
          "\n",
          "よろしくお願いいたします。\n佐藤",
          5};
}

inline Writer JapaneseCasual() {
  return {
      "{}さん",
      {"おつかれ。", "資料見たけど、だいたいいい感じだと思う。", "明日の会議、ちょっと遅れるかも。",
       "見積もりの数字、もう一回確認してくれる？", "例の件、部長にはもう話したよ。",
       "来週ならいつでも大丈夫だよ。", "ありがとう、助かった！"},
      "",
      "田中",
      6};
}

}  // namespace becguard::style::testing

namespace becguard::style::testing {

// Background writers: ordinary business prose with their own greeting, sign-off and sentence
// mix, as the store's other senders would be. `k` picks one of many.
inline Writer Population(int k) {
  static const std::vector<std::string_view> kPool{
      "The meeting has been moved to the larger room on the third floor.",
      "Please find the updated schedule attached.",
      "We still need the signed copy from the customer before we can proceed.",
      "I spoke with the vendor this morning and they confirmed the delivery date.",
      "Let me know if you need anything else from my side.",
      "The budget for next quarter looks tight but manageable.",
      "Our team will review the proposal and get back to you by Friday.",
      "Could you check whether the figures in the second table are correct?",
      "The new system goes live on Monday, so expect some delays.",
      "I have asked accounting to send you the statement.",
      "Thank you for your help with the audit last week.",
      "We should discuss the staffing plan at the next review.",
      "The client wants a revised quote that includes shipping.",
      "Training for the new hires starts on the first of the month.",
      "I will be travelling on Tuesday and Wednesday, with limited access to email.",
      "The contract renewal is due at the end of the month.",
      "Please make sure the presentation is ready before the call.",
      "Sales were slightly above the target in the northern region.",
      "The printer on our floor is broken again.",
      "Can we set up a short call to go over the open points?"};
  static const std::vector<std::string_view> kGreetings{
      "Hi {},", "", "{},", "Good morning {},", "Hello {},", "", "Hi all,", "Team,"};
  static const std::vector<std::string_view> kSignoffs{
      "Best,\nChris", "Regards,\nPat",   "Thanks!\nSam", "Rob", "Best regards,\nAlex Chen",
      "Cheers,\nJo",  "Thank you,\nLee", "- Kim"};
  Writer w;
  w.greeting = kGreetings[static_cast<std::size_t>(k) % kGreetings.size()];
  w.signoff = kSignoffs[static_cast<std::size_t>(k) % kSignoffs.size()];
  for (std::size_t i = 0; i < 10; ++i) {
    w.sentences.push_back(kPool[(static_cast<std::size_t>(k) * 3 + i * 7) % kPool.size()]);
  }
  w.joiner = k % 2 == 0 ? " " : "\n";
  w.per_message = 5 + k % 3;
  return w;
}

}  // namespace becguard::style::testing
