"""The criteria of Circular 124/2021/TT-BCA, Art. 4–7, VERBATIM (criteria sets version 2).

Source: the official text as codified in the Pháp điển (``tests/dossiers/data/
tt124-2021-dieu-1-10.md``, a copy of ``shared/reference``); a test compares every row in the
database with it, character for character. Amendments by Circular 48/2025/TT-BCA are not
reflected: its text was not found.

Each row is one criterion (khoản) or one point (điểm) of it:

- ``Row(number, letter, kind, text, rule)``: a criterion with points keeps its lead sentence
  as a ``heading`` row (judged through its points), each point its own row, with its final
  ";" or "." exactly as in the circular.
- ``Ref(number, unit_kind, ref_number, ref_letter)``: a row of criterion ``number`` that
  refers to clause ``ref_number`` (point ``ref_letter``) of another article's set, as the
  circular does ("Đạt các tiêu chí quy định tại khoản 2, khoản 3, khoản 4 Điều 4"; "điểm a,
  b, c, đ, e và g khoản 3 Điều 6"). It shows and is judged with the referenced wording and the
  circular's own numbering ("khoản 3 điểm a Điều 4"); it has no text of its own.

Kinds: ``requirement`` (ticked by the unit, judged by the police), ``disqualifier`` (an event
inside the evaluation window fails the point), ``computed`` (figures computed by
``workflows.recognition.computed``; a tick cannot make it met when they fail), ``heading``.
"""

from typing import NamedTuple


class Row(NamedTuple):
    number: int
    letter: str
    kind: str
    text: str
    rule: str = ""


class Ref(NamedTuple):
    number: int
    unit_kind: str
    ref_number: int
    ref_letter: str


_ARTICLE_4 = [
    Row(
        1,
        "",
        "computed",
        "Quý I hằng năm, chi bộ có nghị quyết, khu dân cư có đăng ký phấn đấu đạt tiêu chuẩn “An "
        "toàn về an ninh, trật tự”; 100% hộ gia đình đang cư trú trên địa bàn đăng ký tham gia xây "
        "dựng khu dân cư “An toàn về an ninh, trật tự”.",
        rule="households",
    ),
    Row(
        2,
        "",
        "requirement",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp luật "
        "của Nhà nước, các quy định của địa phương về công tác bảo đảm an ninh, trật tự.",
    ),
    Row(
        3,
        "",
        "heading",
        "Không để xảy ra một trong các trường hợp sau:",
    ),
    Row(
        3,
        "a",
        "disqualifier",
        "Hoạt động chống Đảng, chống chính quyền, phá hoại khối đại đoàn kết toàn dân tộc;",
    ),
    Row(
        3,
        "b",
        "disqualifier",
        "Hoạt động phá hoại các mục tiêu, công trình trọng điểm về kinh tế, văn hóa, xã hội, an "
        "ninh - quốc phòng;",
    ),
    Row(
        3,
        "c",
        "disqualifier",
        "Tuyên truyền, phát triển tín ngưỡng, tôn giáo trái pháp luật;",
    ),
    Row(
        3,
        "d",
        "disqualifier",
        "Hoạt động lợi dụng tín ngưỡng, tôn giáo, dân tộc, tranh chấp, khiếu kiện gây phức tạp về "
        "an ninh, trật tự;",
    ),
    Row(
        3,
        "đ",
        "disqualifier",
        "Hoạt động ly khai, đòi tự trị;",
    ),
    Row(
        3,
        "e",
        "disqualifier",
        "Mâu thuẫn, tranh chấp phức tạp, kéo dài trong nội bộ Nhân dân;",
    ),
    Row(
        3,
        "g",
        "disqualifier",
        "Kích động, xúi giục, cưỡng ép, dụ dỗ, mua chuộc, lôi kéo người khác tập trung đông người "
        "khiếu nại, gây rối an ninh, trật tự công cộng hoặc lợi dụng việc khiếu nại để tuyên "
        "truyền chống Nhà nước; xâm phạm lợi ích của Nhà nước; xuyên tạc, vu khống, đe dọa, xúc "
        "phạm uy tín, danh dự của cơ quan, tổ chức, người có trách nhiệm được phân công giải quyết "
        "khiếu nại, tố cáo.",
    ),
    Row(
        4,
        "",
        "heading",
        "Tham gia, phối hợp thực hiện có hiệu quả công tác phòng ngừa tội phạm, tệ nạn xã hội và "
        "các vi phạm pháp luật khác ở khu dân cư, bao gồm:",
    ),
    Row(
        4,
        "a",
        "requirement",
        "Kiềm chế, kéo giảm các loại tội phạm, tệ nạn xã hội, các hành vi vi phạm pháp luật khác "
        "so với năm trước;",
    ),
    Row(
        4,
        "b",
        "requirement",
        "Không để xảy ra tội phạm nghiêm trọng trở lên (trừ trường hợp bất khả kháng) hoặc nếu có "
        "phải kịp thời phát hiện, sử dụng đồng bộ các biện pháp giảm thiểu hậu quả và báo cáo ngay "
        "cấp có thẩm quyền để xử lý;",
    ),
    Row(
        4,
        "c",
        "requirement",
        "Không phát sinh tụ điểm phức tạp về trật tự xã hội; không phát sinh người mắc tệ nạn xã "
        "hội; thực hiện có hiệu quả công tác quản lý, giáo dục, giúp đỡ các loại đối tượng đang cư "
        "trú trên địa bàn theo quy định của pháp luật;",
    ),
    Row(
        4,
        "d",
        "requirement",
        "Không để xảy ra cháy, nổ nghiêm trọng; tai nạn lao động chết người; sự cố nghiêm trọng "
        "theo quy định của pháp luật (trừ trường hợp bất khả kháng).",
    ),
    Row(
        5,
        "",
        "requirement",
        "Lực lượng tham gia bảo đảm an ninh, trật tự ở cơ sở được đánh giá hoàn thành nhiệm vụ trở "
        "lên và không có cá nhân vi phạm bị xử lý kỷ luật.",
    ),
]

_ARTICLE_4_TITLE = "Tiêu chí công nhận khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự”"

_ARTICLE_5 = [
    Row(
        1,
        "",
        "requirement",
        "Quý I hằng năm, Đảng ủy có nghị quyết; Ủy ban nhân dân xã, phường, thị trấn có kế hoạch "
        "về bảo đảm an ninh, trật tự và đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật "
        "tự”; xây dựng, củng cố hoặc duy trì ít nhất 01 mô hình phong trào toàn dân bảo vệ an ninh "
        "Tổ quốc ở cơ sở hoạt động hiệu quả.",
    ),
    Row(
        2,
        "",
        "heading",
        "Đạt các tiêu chí quy định tại khoản 2, khoản 3, khoản 4 Điều 4 Thông tư này.",
    ),
    Ref(2, "residential_area", 2, ""),
    Ref(2, "residential_area", 3, ""),
    Ref(2, "residential_area", 3, "a"),
    Ref(2, "residential_area", 3, "b"),
    Ref(2, "residential_area", 3, "c"),
    Ref(2, "residential_area", 3, "d"),
    Ref(2, "residential_area", 3, "đ"),
    Ref(2, "residential_area", 3, "e"),
    Ref(2, "residential_area", 3, "g"),
    Ref(2, "residential_area", 4, ""),
    Ref(2, "residential_area", 4, "a"),
    Ref(2, "residential_area", 4, "b"),
    Ref(2, "residential_area", 4, "c"),
    Ref(2, "residential_area", 4, "d"),
    Row(
        3,
        "",
        "requirement",
        "Công an xã, phường, thị trấn chủ động nắm chắc tình hình, kịp thời tham mưu, đề xuất cấp "
        "ủy đảng, chính quyền các chủ trương, biện pháp và tổ chức thực hiện có hiệu quả công tác "
        "bảo đảm an ninh, trật tự và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trên địa "
        "bàn; không có cá nhân vi phạm bị xử lý kỷ luật.",
    ),
    Row(
        4,
        "",
        "computed",
        "100% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục thuộc thẩm quyền hoặc được ủy "
        "quyền quản lý trên địa bàn đăng ký, trong đó có từ 70% trở lên được công nhận đạt tiêu "
        "chuẩn “An toàn về an ninh, trật tự”.",
        rule="commune_units",
    ),
]

_ARTICLE_5_TITLE = (
    "Tiêu chí công nhận xã, phường, thị trấn đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
)

_ARTICLE_6 = [
    Row(
        1,
        "",
        "requirement",
        "Quý I hằng năm, tổ chức Đảng có nghị quyết chuyên đề riêng hoặc lồng ghép công tác bảo "
        "đảm an ninh, trật tự trong nghị quyết lãnh đạo, chỉ đạo hằng năm (đối với nơi có tổ chức "
        "Đảng); cơ quan, doanh nghiệp có kế hoạch về bảo đảm an ninh, trật tự và đăng ký phấn đấu "
        "đạt tiêu chuẩn “An toàn về an ninh, trật tự”; có nội quy, quy định bảo vệ cơ quan, doanh "
        "nghiệp, bảo vệ bí mật Nhà nước, bảo vệ chính trị nội bộ, an toàn lao động, phòng, chống "
        "cháy nổ, bảo vệ môi trường phù hợp với tình hình thực tiễn và quy định của pháp luật; "
        "100% cán bộ, công chức, viên chức, người lao động được phổ biến quán triệt các nội quy, "
        "quy định nêu trên và tiêu chí xây dựng cơ quan, doanh nghiệp đạt tiêu chuẩn “An toàn về "
        "an ninh, trật tự”; có ít nhất 01 mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc hoạt "
        "động hiệu quả.",
    ),
    Row(
        2,
        "",
        "requirement",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp luật "
        "của Nhà nước, quy chế, chương trình, kế hoạch phối hợp với lực lượng Công an (nếu có) và "
        "các quy định của địa phương về công tác bảo đảm an ninh, trật tự.",
    ),
    Row(
        3,
        "",
        "heading",
        "Không để xảy ra một trong các trường hợp sau:",
    ),
    Row(
        3,
        "a",
        "disqualifier",
        "Tuyên truyền, phát triển tín ngưỡng, tôn giáo trái pháp luật;",
    ),
    Row(
        3,
        "b",
        "disqualifier",
        "Hoạt động lợi dụng tín ngưỡng, tôn giáo, dân tộc, tranh chấp, khiếu kiện gây phức tạp về "
        "an ninh, trật tự;",
    ),
    Row(
        3,
        "c",
        "disqualifier",
        "Kích động, xúi giục, cưỡng ép, dụ dỗ, mua chuộc, lôi kéo người khác tập trung đông người "
        "khiếu nại, gây rối an ninh, trật tự công cộng hoặc lợi dụng việc khiếu nại để tuyên "
        "truyền chống Nhà nước; xâm phạm lợi ích của Nhà nước; xuyên tạc, vu khống, đe dọa, xúc "
        "phạm uy tín, danh dự của cơ quan, tổ chức, người có trách nhiệm được phân công giải quyết "
        "khiếu nại, tố cáo;",
    ),
    Row(
        3,
        "d",
        "disqualifier",
        "Đình công, lãn công trái pháp luật;",
    ),
    Row(
        3,
        "đ",
        "disqualifier",
        "Tội phạm nghiêm trọng trở lên (trừ trường hợp bất khả kháng) hoặc nếu có, kịp thời phát "
        "hiện, sử dụng đồng bộ các biện pháp giảm thiểu hậu quả và báo cáo ngay cấp có thẩm quyền "
        "để xử lý;",
    ),
    Row(
        3,
        "e",
        "disqualifier",
        "Vi phạm các quy định về bảo vệ bí mật Nhà nước;",
    ),
    Row(
        3,
        "g",
        "disqualifier",
        "Cháy, nổ nghiêm trọng; tai nạn lao động chết người; sự cố nghiêm trọng; vi phạm môi "
        "trường, an toàn vệ sinh thực phẩm gây hậu quả nghiêm trọng trở lên theo quy định của pháp "
        "luật (trừ trường hợp bất khả kháng);",
    ),
    Row(
        3,
        "h",
        "disqualifier",
        "Cán bộ, công chức, viên chức, người lao động bị xử phạt vi phạm hành chính trong lĩnh vực "
        "an ninh, trật tự hoặc mắc tệ nạn xã hội bị xử lý kỷ luật từ hình thức cảnh cáo trở lên.",
    ),
    Row(
        4,
        "",
        "requirement",
        "Lực lượng bảo vệ cơ quan, doanh nghiệp đạt danh hiệu “Tập thể lao động tiên tiến” hoặc "
        "được đánh giá “Hoàn thành tốt nhiệm vụ” trở lên (đối với những nơi đủ điều kiện bình xét "
        "danh hiệu thi đua), không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.",
    ),
    Row(
        5,
        "",
        "computed",
        "70% trở lên số đầu mối trực thuộc (phòng, ban, tổ, đội) đạt danh hiệu “Tập thể lao động "
        "tiên tiến” hoặc được đánh giá “Hoàn thành tốt nhiệm vụ” trở lên (đối với những nơi đủ "
        "điều kiện bình xét danh hiệu thi đua), không có cá nhân bị kỷ luật từ hình thức cảnh cáo "
        "trở lên.",
        rule="sub_units",
    ),
]

_ARTICLE_6_TITLE = (
    "Tiêu chí công nhận cơ quan, doanh nghiệp đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
)

_ARTICLE_7 = [
    Row(
        1,
        "",
        "requirement",
        "Quý I hằng năm, tổ chức Đảng có nghị quyết chuyên đề riêng hoặc lồng ghép công tác bảo "
        "đảm an ninh, trật tự trong nghị quyết lãnh đạo, chỉ đạo hằng năm (đối với nơi có tổ chức "
        "Đảng), cơ sở giáo dục có kế hoạch về bảo đảm an ninh, trật tự và đăng ký phấn đấu đạt "
        "tiêu chuẩn “An toàn về an ninh, trật tự”; có nội quy, quy định bảo vệ cơ sở giáo dục, bảo "
        "vệ chính trị nội bộ, quản lý giáo dục người học, phòng, chống cháy nổ phù hợp với tình "
        "hình thực tiễn; 100% cán bộ, công nhân viên, người lao động, người dạy, người học được "
        "phổ biến quán triệt các nội quy, quy định nêu trên và tiêu chí xây dựng cơ sở giáo dục "
        "đạt tiêu chuẩn “An toàn về an ninh, trật tự”; có ít nhất 01 mô hình phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc hoạt động hiệu quả.",
    ),
    Row(
        2,
        "",
        "requirement",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp luật "
        "của Nhà nước, quy chế, chương trình, kế hoạch phối hợp với lực lượng Công an (nếu có), "
        "các quy định của địa phương về công tác bảo đảm an ninh, trật tự; có hình thức, biện pháp "
        "phối hợp quản lý học sinh giữa cơ sở giáo dục và Ban Đại diện cha mẹ học sinh (đối với "
        "cấp học phổ thông) trong công tác bảo đảm an ninh, trật tự.",
    ),
    Row(
        3,
        "",
        "heading",
        "Không để xảy ra một trong các trường hợp quy định tại điểm a, b, c, đ, e và g khoản 3 "
        "Điều 6 Thông tư này.",
    ),
    Ref(3, "agency", 3, "a"),
    Ref(3, "agency", 3, "b"),
    Ref(3, "agency", 3, "c"),
    Ref(3, "agency", 3, "đ"),
    Ref(3, "agency", 3, "e"),
    Ref(3, "agency", 3, "g"),
    Row(
        4,
        "",
        "disqualifier",
        "Không để xảy ra bạo lực học đường, cán bộ, công nhân viên, người lao động, người dạy, "
        "người học phạm tội hoặc mắc tệ nạn xã hội bị xử lý kỷ luật từ hình thức cảnh cáo trở lên.",
    ),
    Row(
        5,
        "",
        "requirement",
        "Lực lượng bảo vệ cơ sở giáo dục (nếu có) đạt danh hiệu “Tập thể lao động tiên tiến” hoặc "
        "được đánh giá “Hoàn thành tốt nhiệm vụ” trở lên (đối với những nơi đủ điều kiện bình xét "
        "danh hiệu thi đua), không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.",
    ),
    Row(
        6,
        "",
        "computed",
        "70% trở lên số đầu mối trực thuộc (khoa, phòng, ban, tổ chuyên môn) đạt danh hiệu “Tập "
        "thể lao động tiên tiến” hoặc được đánh giá “Hoàn thành tốt nhiệm vụ” trở lên (đối với "
        "những nơi đủ điều kiện bình xét danh hiệu thi đua), không có cá nhân bị kỷ luật từ hình "
        "thức cảnh cáo trở lên.",
        rule="sub_units",
    ),
]

_ARTICLE_7_TITLE = "Tiêu chí công nhận cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”"

# unit kind → (article, title of the set = the article's heading, rows). Referenced sets come
# first: the commune refers to Art. 4 (residential area), the school to Art. 6 (agency).
CRITERIA = {
    "residential_area": (4, _ARTICLE_4_TITLE, _ARTICLE_4),
    "agency": (6, _ARTICLE_6_TITLE, _ARTICLE_6),
    "enterprise": (6, _ARTICLE_6_TITLE, _ARTICLE_6),
    "commune": (5, _ARTICLE_5_TITLE, _ARTICLE_5),
    "school": (7, _ARTICLE_7_TITLE, _ARTICLE_7),
}
VERSION = 2
