"""Version 1 of the Circular 124/2021/TT-BCA criteria sets, FROZEN: the rows migration 0002
created. Superseded by version 2 (``criteria_124_2021.py``, the verbatim text of Art. 4–7),
but kept because dossiers assessed on version 1 keep their answers on these rows.

Do not correct anything here: the texts are partly paraphrased, back-translated or invented
(see the domain audit, §1), which is why version 2 exists. Migration 0002 replays this data
on a fresh database so that the history stays reproducible.
"""

_RESIDENTIAL_AREA = [
    (
        1,
        "",
        "requirement",
        "Quý I hằng năm, chi bộ có nghị quyết, khu dân cư có đăng ký phấn đấu đạt tiêu chuẩn “An "
        "toàn về an ninh, trật tự”; 100% hộ gia đình đang cư trú trên địa bàn đăng ký tham gia xây"
        " dựng khu dân cư “An toàn về an ninh, trật tự”.",
    ),
    (
        2,
        "",
        "requirement",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp luật "
        "của Nhà nước, các quy định của địa phương về công tác bảo đảm an ninh, trật tự.",
    ),
    (
        3,
        "a",
        "disqualifier",
        "Hoạt động chống Đảng, chống chính quyền, phá hoại khối đại đoàn kết toàn dân tộc.",
    ),
    (
        3,
        "b",
        "disqualifier",
        "Hoạt động phá hoại các mục tiêu, công trình kinh tế, văn hóa, xã hội, an ninh, quốc "
        "phòng.",
    ),
    (
        3,
        "c",
        "disqualifier",
        "Tuyên truyền, phát triển đạo trái pháp luật.",
    ),
    (
        3,
        "d",
        "disqualifier",
        "Lợi dụng tín ngưỡng, tôn giáo, dân tộc, tranh chấp, khiếu kiện để gây phức tạp về an "
        "ninh, trật tự.",
    ),
    (
        3,
        "đ",
        "disqualifier",
        "Hoạt động ly khai, đòi tự trị.",
    ),
    (
        3,
        "e",
        "disqualifier",
        "Mâu thuẫn, tranh chấp, khiếu kiện phức tạp, kéo dài trong nội bộ Nhân dân.",
    ),
    (
        3,
        "g",
        "disqualifier",
        "Lôi kéo, kích động, cưỡng ép, dụ dỗ, mua chuộc người khác tụ tập đông người, gây rối an "
        "ninh, trật tự.",
    ),
    (
        4,
        "",
        "requirement",
        "Tội phạm, tệ nạn xã hội và vi phạm pháp luật khác về trật tự, an toàn xã hội; tai nạn "
        "giao thông, cháy, nổ trên địa bàn khu dân cư được kiềm chế, giảm so với năm trước.",
    ),
    (
        5,
        "",
        "requirement",
        "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở, các tổ chức tự quản và mô hình phong "
        "trào toàn dân bảo vệ an ninh Tổ quốc ở khu dân cư được củng cố, duy trì, hoạt động hiệu "
        "quả; hộ gia đình thực hiện đúng các cam kết đã đăng ký.",
    ),
]

_COMMUNE = [
    (
        1,
        "",
        "requirement",
        "Quý I hằng năm, Đảng ủy có nghị quyết; Ủy ban nhân dân xã, phường, đặc khu có kế hoạch về"
        " bảo đảm an ninh, trật tự và đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật "
        "tự”; xây dựng, củng cố hoặc duy trì ít nhất 01 mô hình phong trào toàn dân bảo vệ an ninh"
        " Tổ quốc ở cơ sở hoạt động hiệu quả.",
    ),
    (
        2,
        "a",
        "requirement",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp luật "
        "của Nhà nước, các quy định của địa phương về công tác bảo đảm an ninh, trật tự trên địa "
        "bàn xã.",
    ),
    (
        2,
        "b",
        "disqualifier",
        "Hoạt động chống Đảng, chống chính quyền, phá hoại khối đại đoàn kết toàn dân tộc trên địa"
        " bàn xã.",
    ),
    (
        2,
        "c",
        "disqualifier",
        "Hoạt động phá hoại các mục tiêu, công trình kinh tế, văn hóa, xã hội, an ninh, quốc phòng"
        " trên địa bàn xã.",
    ),
    (
        2,
        "d",
        "disqualifier",
        "Tuyên truyền, phát triển đạo trái pháp luật trên địa bàn xã.",
    ),
    (
        2,
        "đ",
        "disqualifier",
        "Lợi dụng tín ngưỡng, tôn giáo, dân tộc, tranh chấp, khiếu kiện để gây phức tạp về an "
        "ninh, trật tự trên địa bàn xã.",
    ),
    (
        2,
        "e",
        "disqualifier",
        "Hoạt động ly khai, đòi tự trị trên địa bàn xã.",
    ),
    (
        2,
        "g",
        "disqualifier",
        "Mâu thuẫn, tranh chấp, khiếu kiện phức tạp, kéo dài trong nội bộ Nhân dân trên địa bàn "
        "xã.",
    ),
    (
        2,
        "h",
        "disqualifier",
        "Lôi kéo, kích động, cưỡng ép, dụ dỗ, mua chuộc người khác tụ tập đông người, gây rối an "
        "ninh, trật tự trên địa bàn xã.",
    ),
    (
        2,
        "i",
        "requirement",
        "Tội phạm, tệ nạn xã hội và vi phạm pháp luật khác về trật tự, an toàn xã hội; tai nạn "
        "giao thông, cháy, nổ trên địa bàn xã được kiềm chế, giảm so với năm trước.",
    ),
    (
        3,
        "",
        "requirement",
        "Công an xã chủ động nắm chắc tình hình, kịp thời tham mưu, đề xuất cấp ủy đảng, chính "
        "quyền các chủ trương, biện pháp và tổ chức thực hiện có hiệu quả công tác bảo đảm an "
        "ninh, trật tự và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trên địa bàn; không "
        "có cá nhân vi phạm bị xử lý kỷ luật.",
    ),
    (
        4,
        "",
        "threshold",
        "100% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục thuộc diện xét, công nhận trên địa"
        " bàn xã đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”; trong đó có từ 70%"
        " trở lên được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
    ),
]

_AGENCY_ENTERPRISE = [
    (
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
    (
        2,
        "",
        "requirement",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp luật "
        "của Nhà nước, quy chế, chương trình, kế hoạch phối hợp với cơ quan Công an và chính quyền"
        " địa phương về công tác bảo đảm an ninh, trật tự.",
    ),
    (
        3,
        "a",
        "disqualifier",
        "Hoạt động chống Đảng, chống chính quyền, phá hoại khối đại đoàn kết toàn dân tộc trong cơ"
        " quan, doanh nghiệp.",
    ),
    (
        3,
        "b",
        "disqualifier",
        "Mất an ninh chính trị nội bộ; lộ, lọt, mất bí mật Nhà nước.",
    ),
    (
        3,
        "c",
        "disqualifier",
        "Tuyên truyền, phát triển đạo trái pháp luật trong cơ quan, doanh nghiệp.",
    ),
    (
        3,
        "d",
        "disqualifier",
        "Đình công, lãn công, tụ tập đông người trái pháp luật, gây rối an ninh, trật tự tại cơ "
        "quan, doanh nghiệp.",
    ),
    (
        3,
        "đ",
        "disqualifier",
        "Cháy, nổ, tai nạn lao động nghiêm trọng hoặc sự cố môi trường do lỗi chủ quan của cơ "
        "quan, doanh nghiệp.",
    ),
    (
        3,
        "e",
        "disqualifier",
        "Tội phạm, tệ nạn xã hội xảy ra trong cơ quan, doanh nghiệp.",
    ),
    (
        4,
        "",
        "requirement",
        "Cán bộ, công chức, viên chức, người lao động chấp hành nghiêm chính sách, pháp luật và "
        "nội quy, quy định của cơ quan, doanh nghiệp; không có người vi phạm pháp luật bị truy cứu"
        " trách nhiệm hình sự hoặc bị xử lý kỷ luật từ hình thức cảnh cáo trở lên do vi phạm về an"
        " ninh, trật tự.",
    ),
]

_SCHOOL = [
    (
        1,
        "",
        "requirement",
        "Quý I hằng năm, tổ chức Đảng có nghị quyết chuyên đề riêng hoặc lồng ghép công tác bảo "
        "đảm an ninh, trật tự trong nghị quyết lãnh đạo, chỉ đạo hằng năm (đối với nơi có tổ chức "
        "Đảng); cơ sở giáo dục có kế hoạch về bảo đảm an ninh, trật tự và đăng ký phấn đấu đạt "
        "tiêu chuẩn “An toàn về an ninh, trật tự”; có nội quy, quy định bảo vệ cơ sở giáo dục, bảo"
        " vệ bí mật Nhà nước, bảo vệ chính trị nội bộ, quản lý, giáo dục người học, phòng, chống "
        "cháy nổ; 100% cán bộ, giáo viên, nhân viên và người học được phổ biến quán triệt các nội "
        "quy, quy định nêu trên và tiêu chí xây dựng cơ sở giáo dục đạt tiêu chuẩn “An toàn về an "
        "ninh, trật tự”.",
    ),
    (
        2,
        "",
        "requirement",
        "Có ít nhất 01 mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc hoạt động hiệu quả.",
    ),
    (
        3,
        "",
        "requirement",
        "Triển khai, thực hiện đầy đủ các chủ trương, đường lối của Đảng, chính sách, pháp luật "
        "của Nhà nước về bảo đảm an ninh, trật tự; có quy chế, kế hoạch phối hợp giữa cơ sở giáo "
        "dục với cơ quan Công an, chính quyền địa phương, gia đình và Ban đại diện cha mẹ học sinh"
        " trong quản lý, giáo dục người học và bảo đảm an ninh, trật tự trường học.",
    ),
    (
        4,
        "a",
        "disqualifier",
        "Hoạt động chống Đảng, chống chính quyền, phá hoại khối đại đoàn kết toàn dân tộc trong cơ"
        " sở giáo dục.",
    ),
    (
        4,
        "b",
        "disqualifier",
        "Mất an ninh chính trị nội bộ; lộ, lọt, mất bí mật Nhà nước.",
    ),
    (
        4,
        "c",
        "disqualifier",
        "Lôi kéo, kích động cán bộ, giáo viên, nhân viên, người học tụ tập đông người, gây rối an "
        "ninh, trật tự.",
    ),
    (
        4,
        "d",
        "disqualifier",
        "Tuyên truyền, phát triển đạo, hoạt động tín ngưỡng, tôn giáo trái pháp luật trong cơ sở "
        "giáo dục.",
    ),
    (
        4,
        "đ",
        "disqualifier",
        "Cháy, nổ hoặc tai nạn nghiêm trọng trong cơ sở giáo dục do lỗi chủ quan của cơ sở giáo "
        "dục.",
    ),
    (
        5,
        "",
        "disqualifier",
        "Không để xảy ra bạo lực học đường trong cơ sở giáo dục.",
    ),
    (
        6,
        "",
        "requirement",
        "Cán bộ, giáo viên, nhân viên hoàn thành tốt nhiệm vụ được giao trong năm; tội phạm, tệ "
        "nạn xã hội và vi phạm pháp luật khác liên quan đến cán bộ, giáo viên, nhân viên, người "
        "học được kiềm chế, giảm so với năm trước; không có cán bộ, giáo viên, nhân viên, người "
        "học vi phạm pháp luật bị truy cứu trách nhiệm hình sự.",
    ),
]

CRITERIA = {
    "residential_area": _RESIDENTIAL_AREA,
    "commune": _COMMUNE,
    "agency": list(_AGENCY_ENTERPRISE),
    "enterprise": list(_AGENCY_ENTERPRISE),
    "school": _SCHOOL,
}

_Q = "“An toàn về an ninh, trật tự”"

TITLES = {
    "residential_area": f"Tiêu chuẩn {_Q} đối với khu dân cư",
    "commune": f"Tiêu chuẩn {_Q} đối với xã, phường, đặc khu",
    "agency": f"Tiêu chuẩn {_Q} đối với cơ quan",
    "enterprise": f"Tiêu chuẩn {_Q} đối với doanh nghiệp",
    "school": f"Tiêu chuẩn {_Q} đối với cơ sở giáo dục",
}
