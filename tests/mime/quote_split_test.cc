#include "mime/quote_split.h"

#include <gtest/gtest.h>

#include <string>

namespace becguard::mime {
namespace {

struct Case {
  const char* name;
  const char* body;
  const char* new_text;
  const char* quoted_prefix;  // "" when nothing is quoted
};

const Case kCases[] = {
    {"gmail",
     "Sure, sending now.\n\nOn Mon, Mar 4, 2024 at 9:12 AM Jane <j@x.example> wrote:\n> pay?\n",
     "Sure, sending now.", "On Mon"},
    {"gmail_wrapped", "Ok.\nOn Mon, Mar 4, 2024 at 9:12 AM Jane Doe\n<j@x.example> wrote:\n> a\n",
     "Ok.", "On Mon"},
    {"angle_quotes", "Agreed.\n> earlier text\n> more\n", "Agreed.", "> earlier"},
    {"original_message", "Done.\n\n-----Original Message-----\nFrom: a\n", "Done.",
     "-----Original Message-----"},
    {"outlook_block",
     "Approved.\n\nFrom: CFO <cfo@x.example>\nSent: Monday, March 4, 2024\nTo: AP\nSubject: "
     "Wire\n\nold",
     "Approved.", "From: CFO"},
    {"outlook_separator", "Yes.\n________________________________\nFrom: x\n", "Yes.", "______"},
    {"forwarded_en", "FYI\n\n-------- Forwarded Message --------\nSubject: x\n", "FYI",
     "-------- Forwarded"},
    {"gmail_forward", "see below\n---------- Forwarded message ---------\nFrom: a\n", "see below",
     "----------"},
    {"ja_original", "了解です。\n\n----- 元のメッセージ -----\n差出人: 山田\n", "了解です。",
     "----- 元のメッセージ"},
    {"ja_forward", "転送します。\n---------- 転送メッセージ ----------\n", "転送します。",
     "---------- 転送"},
    {"ja_gmail",
     "承知しました。\n\n2024年3月1日(金) 10:00 山田 太郎 <yamada@example.jp>:\n> 依頼\n",
     "承知しました。", "2024年3月1日"},
    {"ja_san_wrote", "はい。\n山田さんは書きました:\n> 依頼\n", "はい。", "山田さんは"},
    {"ja_outlook",
     "確認しました。\n\n差出人: 山田 <y@example.jp>\n送信日時: 2024年3月1日 10:00\n宛先: "
     "鈴木\n件名: 振込\n",
     "確認しました。", "差出人"},
    {"notes_forward",
     "FYI\n---------------------- Forwarded by Kate Symes/PDX/ECT on 10/11/2000 08:37 AM \n", "FYI",
     "------"},
    {"notes_reply", "pls print.\n\"Ken\" <ken@example.com> on 02/08/2001 09:08:18 AM\nTo: Sandra\n",
     "pls print.", "\"Ken\""},
    {"notes_reply_two_lines", "ok\n\nMichael Jacobson@ENRON\n03/01/2001 10:46 AM\nTo: Kayne\ncc:\n",
     "ok", "Michael"},
    {"notes_from_line", "see below\n\tFrom:  Laura Wente      10/10/2000 06:08 PM\n\nTo: Kate\n",
     "see below", "\tFrom:"},
    {"notes_from_on",
     "Great.  DF\n\nFrom: Gina Taylor/ENRON@enronXgate on 03/28/2001 03:21 PM CST\nTo: Drew\n",
     "Great.  DF", "From: Gina"},
    {"eudora_wrote", "Hope you come.\n\nAt 11:10 AM 5/17/01 -0600, you wrote:\n>hi\n",
     "Hope you come.", "At 11:10"},
    {"groupwise", "Hi\n\n>>> <jane@x.example> 06/05/01 15:25 PM >>>\nold text\n", "Hi",
     ">>> <jane"},
    {"ja_fullwidth_colon", "確認済み\n差出人：山田\n送信日時：2024/03/01\n件名：振込\n", "確認済み",
     "差出人"},
};

TEST(QuoteSplitTest, RecognisedMarkers) {
  for (const Case& c : kCases) {
    const QuoteSplit s = SplitQuotedHistory(c.body);
    EXPECT_EQ(s.new_text, c.new_text) << c.name;
    EXPECT_EQ(s.quoted_text.substr(0, std::string_view(c.quoted_prefix).size()), c.quoted_prefix)
        << c.name;
  }
}

TEST(QuoteSplitTest, HardNegativesStayNewText) {
  const char* bodies[] = {
      "From: the desk of the CEO. Please handle this today.\nThanks",
      "On Monday we will wire the funds.\nRegards",
      "Our meeting is on 2024年3月1日.\nThanks",
      "Total: 5,000 USD\nDate: today\n",
      "Signature\n__________\nJohn",
      "________________________________\nYour mailbox is full. Verify now.\n",
      "Dear user\n>> Click here to verify <<\nThanks",
      ">>>>>>>>>>>>>>>>\nWin a prize today\nclaim it",
      "Note:\n> this one line is an inline remark\nand the text goes on",
      "The call is at 10:30 AM\nTo: be confirmed",
      "Meeting moved to 3/4 at 2 PM.\nThanks",
  };
  for (const char* b : bodies) {
    const QuoteSplit s = SplitQuotedHistory(b);
    EXPECT_TRUE(s.quoted_text.empty()) << b;
  }
}

TEST(QuoteSplitTest, HugeSingleLineStaysLinear) {
  const std::string body = "---" + std::string(2'000'000, 'x') + "\n> q\n> r\n";
  const QuoteSplit s = SplitQuotedHistory(body);
  EXPECT_EQ(s.quoted_text, "> q\n> r\n");
}

TEST(QuoteSplitTest, EmptyAndOnlyQuote) {
  EXPECT_TRUE(SplitQuotedHistory("").new_text.empty());
  const QuoteSplit s = SplitQuotedHistory("> all quoted\n");
  EXPECT_TRUE(s.new_text.empty());
  EXPECT_EQ(s.quoted_text, "> all quoted\n");
}

}  // namespace
}  // namespace becguard::mime
