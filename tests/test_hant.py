"""The Traditional Chinese conversion: OpenCC s2twp plus the project's phrase table."""

from __future__ import annotations

import json
import re

import pytest

from lastlayer import hant


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test converts into a cache of its own."""
    monkeypatch.setenv("LASTLAYER_GENERATED", str(tmp_path / ".generated"))
    hant.clear_memory()
    yield
    hant.clear_memory()


# Plain s2twp gets each of these wrong for this site (its output in the comment).
KNOWN_BAD = {
    "全连接层": "全連接層",  # 全連線層
    "指数函数": "指數函數",  # 指數函式
    "损失函数": "損失函數",  # 損失函式
    "参数": "參數",  # 引數
    "超参数": "超參數",  # 超引數
    "像素": "像素",  # 畫素
    "对数几率": "對數勝算",  # 對數機率
    "它的测量值更支持维吉尼亚鸢尾": "它的測量值更支持維吉尼亞鳶尾",  # 支援
    "把分数与对数几率联系起来": "把分數與對數勝算聯繫起來",  # 聯絡, 機率
    "全局平均池化": "全域平均池化",  # 全域性平均池化
    "特征在哪里被激活": "特徵在哪裡被激活",  # 被啟用
    "激活函数": "激活函數",  # 啟用函式
    "映射到各个类别": "映射到各個類別",  # 對映
    "绘图脚本": "繪圖腳本",  # 指令碼
    "几率比": "勝算比",  # 機率比
    "版本号是发布标签": "版本號是發布標籤",  # 釋出
    "请在代码仓库提交 issue": "請在程式碼儲存庫提交 issue",  # 程式碼倉庫
    "仓库根目录": "儲存庫根目錄",  # 倉庫
    "克隆仓库": "複製儲存庫",  # 克隆倉庫
    "所以任何局部最小值都是全局最小值": "所以任何局部最小值都是全域最小值",  # 區域性最小值
    "支持向量机的多类 hinge 损失": "支援向量機的多類別 hinge 損失",  # 支持向量機 (the 支持 entry)
    "在可分数据上梯度下降的权重": "在可分資料上梯度下降的權重",  # 可分數據
}

# The brief's glossary, each term with its checked Taiwan form.
GLOSSARY = {
    "全连接层": "全連接層",
    "特征（向量）": "特徵（向量）",
    "特征向量": "特徵向量",
    "权重、偏置": "權重、偏置",
    "分数、logit": "分數、logit",
    "概率": "機率",
    "模板匹配": "模板匹配",
    "超平面、法向量": "超平面、法向量",
    "有符号距离": "有號距離",
    "softmax（不译）": "softmax（不譯）",
    "温度": "溫度",
    "交叉熵": "交叉熵",
    "决策边界 / 决策区域": "決策邊界 / 決策區域",
}

# Where Taiwan usage differs from a character-by-character conversion (OpenCC's phrases, kept).
TAIWAN = {
    "概率": "機率",
    "神经网络": "神經網路",
    "数据": "資料",
    "图像": "影像",
    "代码": "程式碼",
    "运行": "執行",
    "默认": "預設",
    "字体": "字型",
    "数组": "陣列",
}

# Rows and columns: the mainland's 行 is a row and 列 a column, Taiwan's the other way round
# (列 = row, 行 = column, 行向量 = column vector). Most cases are the site's own text; the
# comment says which it means. Plain s2twp keeps every 行 and 列, so each would read transposed.
ROWS_AND_COLUMNS = {
    # After a formula, a number or a placeholder.
    "$W$ 的第 $j$ 列，即把所有特征连到类别 $j$": "$W$ 的第 $j$ 行，即把所有特徵連到類別 $j$",  # column
    "把 $W$ 的第 $j$ 列 $\\mathbf{w}_j$ 看成一个图案": "把 $W$ 的第 $j$ 行 $\\mathbf{w}_j$ 看成一個圖案",  # column
    "权重 $\\mathbf{w}_j$（$W$ 的第 $j$ 列）": "權重 $\\mathbf{w}_j$（$W$ 的第 $j$ 行）",  # column (a table header)
    "所以 `weight` 的第 $j$ 行就是本站的模板": "所以 `weight` 的第 $j$ 列就是本站的模板",  # row
    "所有权重（$W$ 的第 $i$ 行）加上同一个数": "所有權重（$W$ 的第 $i$ 列）加上同一個數",  # row
    "{% num n %} 行里有 {% num m %} 行至少含一个 0": "{% num n %} 列裡有 {% num m %} 列至少含一個 0",  # rows
    "这样的行有 {% num k %} 行，即": "這樣的列有 {% num k %} 列，即",  # rows
    "光标在第 {r} 行第 {c} 列。": "游標在第 {r} 列第 {c} 行。",  # the digit pad's cursor
    "4 行 10 列的小热力图": "4 列 10 行的小熱圖",  # a figure's grid
    "把 W 的第 j 列画成图像": "把 W 的第 j 行畫成影像",  # column
    "它的第 j 行就是类别 j 的权重": "它的第 j 列就是類別 j 的權重",  # row (of Wᵀ)
    # Not rows or columns: lines of code, a list, to list, behaviour.
    "只需 10 行代码": "只需 10 行程式碼",
    "得到一个 Python 列表": "得到一個 Python 列表",
    "用 `print` 列出": "用 `print` 列出",
    "改变 `predict` 行为": "改變 `predict` 行為",
    # Vectors, words and phrases.
    "得到特征列向量 x": "得到特徵行向量 x",  # column vector
    "一个 1×n 的行向量": "一個 1×n 的列向量",  # row vector
    "标签为猫时它的第一列是": "標籤為貓時它的第一行是",  # column
    "第一行的模板颜色很淡": "第一列的模板顏色很淡",  # row of a figure
    "给算例的每一列加上": "給範例的每一行加上",  # column
    "每一行是一个输入的分数": "每一列是一個輸入的分數",  # row
    "每列位移与 x 之比": "每行位移與 x 之比",  # column
    "每行之和为 0": "每列之和為 0",  # row
    "各列之和是零": "各行之和是零",  # columns
    "图中各行依次是": "圖中各列依次是",  # rows of a figure
    "Wᵀ 的各行为：": "Wᵀ 的各列為：",  # rows (各行 + 为, not 行为)
    "只有整行都相等": "只有整列都相等",  # a row
    "看看整行为零的情况": "看看整列為零的情況",  # a row (整行 + 为, not 行为)
    "整列都为零": "整行都為零",  # a column
    "把这一列按图像的形状排好": "把這一行按影像的形狀排好",  # column
    "把它的 4096 个权重列各自还原": "把它的 4096 個權重行各自還原",  # columns
    "四个像素，按行读出": "四個像素，逐列讀出",  # row by row
    "按列读出": "逐行讀出",  # column by column
    "给权重末尾补一行": "給權重末尾補一列",  # a row (the bias trick)
    "PyTorch 每个输出占一行": "PyTorch 每個輸出佔一列",  # a row
    "每个特征占一行，每个类别占一列": "每個特徵佔一列，每個類別佔一行",  # a row, a column
    "同样每个样本一行": "同樣每個樣本一列",  # a row per example
    "的最后一行，恰好是": "的最後一列，恰好是",  # the last row
    "上方两行与线性模板使用同一种配色": "上方兩列與線性模板使用同一種配色",  # rows of a figure
    "用两行代码": "用兩行程式碼",  # lines of code
    "往下几行颜色越来越深": "往下幾列顏色越來越深",  # rows of a figure
    "最后几行之间变化很小": "最後幾列之間變化很小",  # rows of a figure
    "四行依次是花萼长度、花萼宽度、花瓣长度、花瓣宽度，三列依次是山鸢尾": (
        "四列依次是花萼長度、花萼寬度、花瓣長度、花瓣寬度，三行依次是山鳶尾"
    ),
    "全零行": "全零列",  # a figure's label
    "行为测量、列为品种": "列是測量、行是品種",
    "共用一个色标，每行是一项测量，每列是一个类别。": "共用一個色條，每列是一項測量，每行是一個類別。",
    "在这一行的中位数为 0 时最小": "在這一列的中位數為 0 時最小",
    "特别是真实类别那一行": "特別是真實類別那一列",
    "上表是各测量（行）对各品种（列）的权重": "上表是各測量（列）對各品種（行）的權重",
    "每一票（行：像素，列：类别）": "每一票（列：像素，行：類別）",
    "（行和的绝对值最大为 0）": "（列和的絕對值最大為 0）",
    "被展开成一列": "被展開成一個行向量",  # a column vector
    # A second Taiwan reader's round.
    "分数会把偏置加上，最后一行给出的就是按分数的排序": "分數會把偏置加上，最後一行給出的就是按分數的排序",
    "在某一页上另有含义，所在行里会注明。": "在某一頁上另有涵義，所在列裡會註明。",
    "特别是真实类别那一列 $\\hat{y}_y$": "特別是真實類別那一行 $\\hat{y}_y$",
    "而一行权重的绝对值之和在中间那个值为 0 时最小": "而一列權重的絕對值之和在中間那個值為 0 時最小",  # a row
    "所以只要一行里的权重全都相等": "所以只要一列裡的權重全都相等",  # a row
    "在一行的所有平移版本中": "在一列的所有平移版本中",  # a row
    "而权重全都相等的行最后会变成全零": "而權重全都相等的列最後會變成全零",  # a row
    "下表变色鸢尾一列：贡献": "下表變色鳶尾一行：貢獻",  # a species' column of the table
    # Kept: 行 as "to do" or a line of code, 列 as a list or a series.
    "用几行 numpy 就能写完": "用幾行 numpy 就能寫完",
    "与代码的实际行为一致": "與程式碼的實際行為一致",
    "逐个类别列出权重": "逐個類別列出權重",
    "按页面中出现的先后排列": "按頁面中出現的先後排列",
    "训练照常运行": "訓練照常執行",
    "修改 `lastlayer/hant_phrases.tsv` 中对应的一行": "修改 `lastlayer/hant_phrases.tsv` 中對應的一行",
}

# Mainland words OpenCC keeps, with the Taiwan word (OpenCC's output in the comment).
VOCABULARY = {
    "标准差为 0.5 的正态随机权重": "標準差為 0.5 的常態隨機權重",  # 正態
    "紫红两色的热图，带色标：": "紫紅兩色的熱圖，附色條：",  # 帶色標
    "决策区域，共三幅子图。": "決策區域，共三張子圖。",  # 三幅
    "留出集准确率": "保留集準確率",  # 留出集
    "一朵留出的花": "一朵保留集的花",  # 留出的花
    "在留出的花上的准确率为": "在保留集的花上的準確率為",  # 留出的花
    "留出数字上最大概率的平均值": "保留集數字上最大機率的平均值",  # 留出數字
    "载入一张留出的数字": "載入一張保留集的數字",  # 留出的數字
    "张留出图像中，两者有": "張保留集影像中，兩者有",  # 留出影像
    "在 450 张留出测试图像上": "在 450 張保留集測試影像上",  # 留出測試影像
    "留出准确率为 98.2%": "保留集準確率為 98.2%",  # 留出準確率
    "在留出数据上最小化交叉熵": "在保留集資料上最小化交叉熵",  # 留出數據
    "我们先留出 45 朵花做测试": "我們先留出 45 朵花做測試",  # the verb 留出 (to set aside) is kept
    "上面所打印权重的差": "上面所印出權重的差",  # 列印
    "打印留出集准确率 0.978": "印出保留集準確率 0.978",  # 列印留出集
    "文件（浅色版本，适合打印）": "檔案（淺色版本，適合列印）",  # printing on paper: kept
    "numpy 的下标从 0 开始": "numpy 的索引從 0 開始",  # 下標從
    "它导入的库一有改动": "它匯入的函式庫一有改動",  # 匯入的庫
    "导入了项目自己的 `lastlayer` 包。": "匯入了專案自己的 `lastlayer` 套件。",  # 包
    "没有用到项目的 `lastlayer` 包。": "沒有用到專案的 `lastlayer` 套件。",  # 包
    "脚本用到的 `lastlayer` 包中的代码": "腳本用到的 `lastlayer` 套件中的程式碼",  # 包中
    "运行下面几条命令": "執行下面幾條指令",  # 幾條命令
    "画出这张图的命令。": "畫出這張圖的指令。",  # 命令
    "绘制这张图所用的库": "繪製這張圖所用的函式庫",  # 所用的庫
    "比较的对象换成": "比較的對象換成",  # 比較的物件
    "都写有标题、作者、许可和本页地址。": "都寫有標題、作者、授權和本頁網址。",  # 本頁地址
    "独立页面的地址。": "獨立頁面的網址。",  # 頁面的地址
    "有放回地随机抽取": "以取後放回方式隨機抽取",  # 有放回地
    "平移、缩放到均值 0、标准差 1": "平移、縮放到平均值 0、標準差 1",  # 均值
    "读屏软件读出的名称": "螢幕閱讀器讀出的名稱",  # 讀屏軟體
    "交互图的滑块": "互動圖的滑桿",  # 滑塊
    "第二幅子图是只在这一个点上走一步梯度": "第二張子圖是只在這一個點上走一步梯度",  # 是隻在
    "拟合数据的那部分损失又往回拉": "擬合資料的那部分損失又往回拉",  # 擬合數據
    "如果地址指向某一节": "如果網址指向某一節",  # 地址指向
    "用其余花的均值和标准差": "用其餘花的平均值和標準差",  # 均值
    "逻辑回归正是这一层在两类情形下的特例": "邏輯斯迴歸正是這一層在兩類情形下的特例",  # 邏輯迴歸
    "**期望校准误差**（expected calibration error，ECE": "**預期校準誤差**（expected calibration error，ECE",  # 期望
    "做 1000 次自助（bootstrap）重采样": "做 1000 次拔靴法（bootstrap）重抽樣",  # 自助、重取樣
    "也没法有理有据地设阈值": "也無法有憑有據地設門檻",  # 設閾值
    "附录：实践中的全连接层": "附錄：實務上的全連接層",  # 實踐中
    "一个完整的算例": "一個完整的範例",  # 算例
    "你可以复制、改编和再发布": "你可以重製、改作及散布",  # 複製、改編和再發布
    "在构建网站时重新绘制": "在建置網站時重新繪製",  # 構建
    "在本地构建": "在本機建置",  # 本地構建
    "MIT 许可": "MIT 授權",  # 許可
    "知识共享署名 4.0 国际许可协议": "創用 CC 姓名標示 4.0 國際 授權條款",  # 知識共享署名 4.0 國際許可協議
    "最大化训练标签的似然": "最大化訓練標籤的概似",  # 似然
    "2×2 灰度小图": "2×2 灰階小圖",  # 灰度
    "所以柱状图用对数刻度": "所以長條圖用對數刻度",  # 柱狀圖
    "玩具数据散点图": "玩具資料散佈圖",  # 散點圖
    "适合幻灯片": "適合投影片",  # 幻燈片
    "重置": "重設",  # 重置
    "可拖动的点": "可拖曳的點",  # 拖動
    "空格键画": "空白鍵畫",  # 空格鍵
    "亮色和暗色主题": "淺色和深色主題",  # 亮色和暗色
    "切换到暗色模式": "切換到深色模式",  # 暗色
    "以千米计": "以公里計",  # 千米
    "直接用厘米": "直接用公分",  # 釐米
    "以毫米计": "以公釐計",  # 毫米
    "下表跟踪了一朵花": "下表追蹤了一朵花",  # 跟蹤
    "scikit-learn 自带的鸢尾花数据集": "scikit-learn 內建的鳶尾花資料集",  # 自帶的
    "指数和归一化各自带来了什么": "指數和正規化各自帶來了什麼",  # 各自 + 带来, not 自带; 歸一化
    "置信度为 90% 的预测": "信心度為 90% 的預測",  # 置信度
    "把权重归一化": "把權重正規化",  # 歸一化
    "人脸识别里那些带间隔的损失": "人臉辨識裡那些帶間隔的損失",  # 人臉識別
    "用链式法则得到": "用連鎖律得到",  # 鏈式法則
    "浮点舍入误差": "浮點捨入誤差",  # 舍入
    "在大量身份上": "在大量身分上",  # 身份
    "也可能只是五五开": "也可能只是五五波",  # 五五開
    "参数都去哪儿了": "參數都去哪裡了",  # 去哪兒
    "用错或不地道的术语": "用錯或不道地的術語",  # 不地道
    "这个差叫作有符号差距": "這個差叫作有號差距",  # 有符號
    "网络只提取了两个特征": "網路只擷取了兩個特徵",  # 提取
    "对猫这一类做了演示": "對貓這一類做了示範",  # 演示
    "多个图像和文本基准": "多個影像和文字基準",  # 文本
    "而不是像素噪声": "而不是像素雜訊",  # 噪聲
    "各个特征的量纲要可比": "各個特徵的單位要可比",  # 量綱
    "拉向零的力度": "拉向零的力道",  # 力度
    "运行这段代码打印出的结果": "執行這段程式碼印出的結果",  # 打印出
    "实际实现正是利用这一点": "實際實作正是利用這一點",  # 實際實現
    "正是通过归一化把它去掉的": "正是透過正規化把它去掉的",  # 通過, 歸一化
    "通过测试": "通過測試",  # to pass, kept
    "排在 DejaVu Sans 之后作为回退": "排在 DejaVu Sans 之後作為備援",  # 回退
    "猫为橙色": "貓為橘色",  # 橙色
    "代码块 ": "程式碼區塊 ",  # 程式碼塊
    "橡皮": "橡皮擦",  # 橡皮
    "橡皮擦": "橡皮擦",  # kept whole
    "一个 zip 压缩包": "一個 zip 壓縮檔",  # 壓縮包
    "解压后用浏览器打开": "解壓縮後用瀏覽器開啟",  # 解壓
    "解压缩": "解壓縮",  # kept whole
    "都无需联网": "都無需連網",  # 聯網
    "或先选中再用方向键移动": "或先選取再用方向鍵移動",  # 先選中
    "还会自动安装缺少的依赖": "還會自動安裝缺少的相依套件",  # 缺少的依賴
    "`lastlayer` 包、钩子和测试": "`lastlayer` 套件、掛鉤和測試",  # 包、鉤子
    "同一个固定版本字体包": "同一個固定版本字型套件",  # 字型包
    "深浅交替的竖条": "深淺交替的直條",  # 豎條
    "斯坦福 CS231n 课程讲义": "史丹佛 CS231n 課程講義",  # 斯坦福
    "多类 hinge 损失（合页损失）采用": "多類別 hinge 損失（鉸鏈損失）採用",  # 合頁損失
    "程序不会报错，但损失和梯度都错了": "程式不會出現錯誤訊息，但損失和梯度都錯了",  # 報錯
    "训练照常运行、不报错，却学得更慢": "訓練照常執行、不會出現錯誤訊息，卻學得更慢",  # 不報錯
    "用的是为 q 量身设计的最优编码": "用的是為 q 量身設計的最佳編碼",  # 最優編碼
    "凸性：只有一个最优解，或者根本没有": "凸性：只有一個最佳解，或者根本沒有",  # 最優解
    "| $n$ | 标量 | 特征的个数 |": "| $n$ | 純量 | 特徵的個數 |",  # 標量
    "表中的概率是放在一起取整的": "表中的機率是整組一起捨入的",  # 取整
    "只有标签、注释和输出文字译成了该语言": "只有標籤、註解和輸出文字譯成了該語言",  # 註釋
    "复制当前设置的链接": "複製目前設定的連結",  # 當前
    "表格 {n}（可横向滚动）": "表格 {n}（可橫向捲動）",  # 滾動
    "尚未提交的改动不会体现在版本号里": "尚未提交的改動不會反映在版本號裡",  # 體現在
    "## 更正记录 {#corrections}": "## 更正紀錄 {#corrections}",  # 記錄
    "这是那一页上溢问题的下溢版本": "這是那一頁溢位問題的下溢版本",  # 上溢
    "| 对比项 | 本站 | PyTorch | Keras |": "| 比較項目 | 本站 | PyTorch | Keras |",  # 對比項
    "再重新运行这个单元格。": "再重新執行這個儲存格。",  # 單元格
    "两种打分都没有算入偏置": "兩種評分都沒有算入偏置",  # 打分
    "（维数更高时是超平面）": "（維度更高時是超平面）",  # 維數
    # One-hot, in Latin letters (OpenCC: 獨熱), with a space beside Chinese.
    "这里 e_y 是真实类别的独热（one-hot）向量。": "這裡 e_y 是真實類別的 one-hot 向量。",
    "也就是预测概率减去独热（one-hot）标签。": "也就是預測機率減去 one-hot 標籤。",
    "把概率往独热目标上拉": "把機率往 one-hot 目標上拉",
    "。独热标签 e_y 只有一个可能的取值": "。one-hot 標籤 e_y 只有一個可能的取值",
    "| k | 独热标签：真实类别处为 1，其余为 0 |": "| k | one-hot 標籤：真實類別處為 1，其餘為 0 |",
    "softmax 是独热 argmax 的可微替代": "softmax 是 one-hot argmax 的可微替代",
    "softmax 趋近于 arg max 的独热向量。": "softmax 趨近於 arg max 的 one-hot 向量。",
    "其中 y 为独热向量。": "其中 y 為 one-hot 向量。",
    "温度：从独热到均匀": "溫度：從 one-hot 到均勻",
    "所谓“独热”编码": "所謂「one-hot」編碼",
    # A second Taiwan reader's round (又用红色标出: 色标 alone must not become 色條).
    "绘制这张图时安装了下面这些库，": "繪製這張圖時安裝了下面這些函式庫，",
    "语言表的内部实现、繁体中文转换": "語言表的內部實作、繁體中文轉換",
    "在留出的测试数字上，最大概率的平均值": "在保留集的測試數字上，最大機率的平均值",
    "# 符号约定 {#notation}": "# 符號說明 {#notation}",
    "数学处处相同，约定各有不同": "數學處處相同，慣例各有不同",
    "## 框架的约定与两次 softmax 的错误": "## 框架的慣例與兩次 softmax 的錯誤",
    "与图注一致": "與圖說一致",
    "在同一张特征图上做了两组对比": "在同一張特徵圖上做了兩組比較",
    "交叉熵与平方误差的对比": "交叉熵與平方誤差的比較",
    "单个类别的增益（g_j）": "單一類別的增益（g_j）",
    "损失的大头降完之后": "損失大部分降完之後",
    "下面从三个侧面再看它": "下面從三個面向再看它",
    "隐藏层让每个类别能够响应笔画的组合": "隱藏層讓每個類別能夠對筆畫的組合產生反應",
    "再用最朴素的梯度下降拟合": "再用最基本的梯度下降擬合",
    "于是每行都能白得一个零": "於是每列都能平白多得一個零",
    "L2 打破了这种平局": "L2 打破了這種平手局面",
    "每个类别（猫、狗、鸟）一根柱子": "每個類別（貓、狗、鳥）一個長條",
    "柱子标注 0.75、0.17": "長條標註 0.75、0.17",
    "柱子从左到右依次是每个特征的贡献，最后一根是总分 zⱼ": "長條由左至右依次是每個特徵的貢獻，最後一條是總分 zⱼ",
    "斜线柱一直连到对角线": "斜線長條一直連到對角線",
    "个隐藏单元的单隐层网络在同一份手写数字上": "個隱藏單元的單隱藏層網路在同一份手寫數字上",
    "图之后是一个可折叠的注释": "圖之後是一個可收合的補充說明",
    "draw(lang, theme) 生成一个 matplotlib Figure 对象": "draw(lang, theme) 產生一個 matplotlib Figure 物件",
    "生成上面提供的浅色 SVG": "產生上面提供的淺色 SVG",
    "在任意页面都可以用页眉": "在任何頁面都可以用頁首",
    "支持向量机的多类 hinge 损失": "支援向量機的多類別 hinge 損失",
    "它的含义取决于 0 在哪里": "它的涵義取決於 0 在哪裡",
    "弦都严格位于函数图像上方": "弦都嚴格位於函數圖形上方",
    "各区间与对角线的竖直差距": "各區間與對角線的垂直差距",
    "sigmoid 函数 σ 的二分类器": "sigmoid 函數 σ 的二元分類器",
    "所以 w 没法直接画成图像": "所以 w 無法直接畫成影像",
    "长度只有在同一种约定下才能比较": "長度只有在同一種慣例下才能比較",
    "由绘制本站插图的同一份代码生成": "由繪製本站插圖的同一份程式碼產生",
    "指向一根长条": "指向一條長條",
    "写得大一些、居中": "寫得大一些、置中",
    "间隔起的作用并不是清空这条带": "間隔起的作用並不是清空這條帶",
    "概率变成 (1.00, 0.00, 0.00)，几乎是独热向量；": "機率變成 (1.00, 0.00, 0.00)，幾乎是 one-hot 向量；",
    "一帧的训练让损失下降不到 {tol}。": "一個影格內的訓練讓損失下降不到 {tol}。",
    "各行共用一个色标，色标范围却是自己的": "各列共用一個色條，色條範圍卻是自己的",
    "又用红色标出哪些位置有墨迹": "又用紅色標出哪些位置有墨跡",
    "十张 8×8 热力图": "十張 8×8 熱圖",
    "真正说明问题的是整行为零的花萼长度": "真正值得注意的是整列為零的花萼長度",
    "与本站权重图相同的发散色图": "與本站權重圖相同的發散型配色",
    "用可以改动的代码重走正文里的算例": "用可以改動的程式碼重做一遍正文裡的範例",
    "每个文件的元数据里都写有标题": "每個檔案的中繼資料裡都寫有標題",
    "softmax 趋近于均匀分布": "softmax 趨近於均勻分布",
    "两幅图从同一组特征出发": "兩張圖從同一組特徵出發",
    "第一幅子图没有间隔，第二幅的猫区域": "第一張子圖沒有間隔，第二張的貓區域",
    "第三幅的区域与第一幅相同": "第三張的區域與第一張相同",
    "“分类器如何决定”那幅子图画的是决策边界": "「分類器如何決定」那張子圖畫的是決策邊界",
    "本站则把三个概率放在一起舍入": "本站則把三個機率整組一起捨入",
}

# OpenCC's own wrong characters (its output in the comment).
WRONG_CHARACTERS = {
    "在笔记本里：两次 softmax 的错误": "在筆記本裡：兩次 softmax 的錯誤",  # 筆記本里
    "但减多少只能粗略地知道": "但減多少只能粗略地知道",  # 減多少隻能
    "只需注明出自本站并附上链接": "只需註明出自本站並附上連結",  # 附上鍊接
    "认对 {% num a %} 只狗，之后变成 {% num b %} 只。": "認對 {% num a %} 隻狗，之後變成 {% num b %} 隻。",  # 只
    "它能认对 12 只狗，之后变成 0 只。": "它能認對 12 隻狗，之後變成 0 隻。",  # 只, as rendered
    "按最大余数法统一舍入": "按最大餘數法統一捨入",  # 余
    "只是一个中间状态，并非训练的终点": "只是一個中間狀態，並非訓練的終點",  # 一箇中間
}

# Quotation marks become corner brackets, nested ones double corner brackets.
QUOTED = {
    "《直观理解神经网络最后一层全连接+Softmax》": "《直觀理解神經網絡最後一層全連接+Softmax》",  # a title: not 網路
    "所谓“模板”，即‘样板’": "所謂「模板」，即『樣板』",
    "他说：“这是‘内层’引号。”": "他說：「這是『內層』引號。」",
}


@pytest.mark.parametrize(("simplified", "traditional"), KNOWN_BAD.items())
def test_known_bad_cases_are_fixed(simplified, traditional):
    assert hant.convert(simplified) == traditional


@pytest.mark.parametrize(("simplified", "traditional"), GLOSSARY.items())
def test_glossary_terms(simplified, traditional):
    assert hant.convert(simplified) == traditional


def test_every_glossary_term_is_in_the_table():
    table = hant.phrases()
    for term in ("全连接层", "特征", "权重", "偏置", "分数", "概率", "模板匹配", "超平面", "法向量", "有符号距离"):
        assert term in table, term
    for term in ("温度", "交叉熵", "决策边界", "决策区域"):
        assert term in table, term


@pytest.mark.parametrize(("simplified", "traditional"), TAIWAN.items())
def test_taiwan_usage(simplified, traditional):
    assert hant.convert(simplified) == traditional


@pytest.mark.parametrize(("simplified", "traditional"), ROWS_AND_COLUMNS.items())
def test_rows_and_columns_read_the_taiwan_way(simplified, traditional):
    assert hant.convert(simplified) == traditional


@pytest.mark.parametrize(("simplified", "traditional"), VOCABULARY.items())
def test_taiwan_vocabulary(simplified, traditional):
    assert hant.convert(simplified) == traditional


@pytest.mark.parametrize(("simplified", "traditional"), WRONG_CHARACTERS.items())
def test_wrong_characters_of_opencc_are_fixed(simplified, traditional):
    assert hant.convert(simplified) == traditional


def test_every_table_entry_has_a_test_case():
    """A phrase added to the table comes with a case above that uses it (in context, if it can)."""
    cases = [*KNOWN_BAD, *GLOSSARY, *TAIWAN, *ROWS_AND_COLUMNS, *VOCABULARY, *WRONG_CHARACTERS, *QUOTED]
    untested = [source for source in hant.phrases() if not any(source in case for case in cases)]
    assert untested == [], "add a case to a dictionary of tests/test_hant.py for each of these"


def test_quotation_marks_become_corner_brackets():
    for simplified, traditional in QUOTED.items():
        assert hant.convert(simplified) == traditional


def test_table_wins_over_opencc_inside_longer_text():
    text = "每个全连接层的参数都是一个函数的系数。"
    assert hant.convert(text) == "每個全連接層的參數都是一個函數的係數。"


def test_ascii_markdown_and_math_pass_through():
    text = "## 两个步骤 {#two-steps}\n\n$z = W^\\top x + b$，见 `lastlayer/values.py` 与 {% num iris.acc %}。"
    out = hant.convert(text)
    assert "{#two-steps}" in out and "$z = W^\\top x + b$" in out and "{% num iris.acc %}" in out
    assert out.startswith("## 兩個步驟")


def test_every_table_entry_converts_to_its_form():
    for source, target in hant.phrases().items():
        assert hant.convert(source) == target, source


def test_cache_hit_converts_nothing():
    text = "全连接层把特征映射成分数。"
    first = hant.convert(text)
    runs = hant.STATS["converted"]
    hant.convert(text)
    assert hant.STATS["converted"] == runs  # from memory
    hant.clear_memory()  # a new build: the disk cache answers
    assert hant.convert(text) == first
    assert hant.STATS["converted"] == runs


def test_cache_key_follows_table(monkeypatch, tmp_path):
    text = "参数"
    hant.convert(text)
    runs = hant.STATS["converted"]
    hant.clear_memory()
    monkeypatch.setattr(hant, "_table_key", lambda: "another table")
    hant.convert(text)
    assert hant.STATS["converted"] == runs + 1


def test_placeholder_characters_in_input_are_refused():
    with pytest.raises(ValueError, match="private-use"):
        hant.convert_uncached("参数\ue000")


# ---------------------------------------------------------------- every source, converted

#: Reviewed spots where OpenCC's plain ``s2tw`` would change correct Taiwan text, because it
#: reads Traditional characters as Simplified phrases: not leftovers of the conversion.
S2TW_EXCEPTIONS = {
    "說明了": "說明了一切 (explains everything): s2tw reads 明了 as 明瞭",
    "游標": "a cursor, Taiwan's standard 游標: s2tw writes 遊標",
    "多少只能": "減多少只能 (can only): s2tw writes 隻, the measure word (the error the table fixes)",
    "是只在": "是只在 (is only at): s2tw writes 隻, the measure word (the error the table fixes)",
    "及散布": "重製、改作及散布 (CC BY's rights): Taiwan's copyright law writes 散布, s2tw 散佈",
    "简体中文": "the language menu names Simplified Chinese in its own script",
    "分布": "a distribution: the Ministry of Education's form (機率分布), s2tw writes 分佈",
}


def _chinese(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _simplified_sources() -> dict[str, list[str]]:
    """Every Simplified text the zh-Hant site is converted from, by file: whole pages and
    notebooks, the zh strings of lastlayer/languages.py and of mkdocs.yml, and each Chinese
    string of the figure scripts (their captions, alt texts and drawn labels)."""
    import ast

    from helpers import ROOT
    from lastlayer import languages

    docs = ROOT / "docs"
    sources = {
        str(path.relative_to(ROOT)): [path.read_text(encoding="utf-8")]
        for path in [*sorted(docs.glob("*.zh.md")), *sorted((docs / "notebooks").glob("*.zh.py"))]
    }

    def strings(value) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            value = list(value.values())
        return [s for item in value for s in strings(item)] if isinstance(value, list | tuple) else []

    sources["lastlayer/languages.py"] = [s for s in strings(languages.ZH) if _chinese(s)]
    zh = _i18n_languages()["zh"]
    sources["mkdocs.yml"] = [
        zh["site_name"],
        zh["site_description"],
        zh["copyright"],
        *zh["nav_translations"].values(),
        *(t["toggle"]["name"] for t in zh["theme"]["palette"]),
    ]
    for path in sorted((ROOT / "figures").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        sources[str(path.relative_to(ROOT))] = [t for t in texts if _chinese(t)]
    return sources


def test_converted_sources_leave_nothing_for_plain_s2tw():
    """Convert every Simplified source; OpenCC's plain s2tw then finds nothing left to convert
    (a Simplified character from the table, or one OpenCC missed), the reviewed exceptions aside."""
    import difflib

    import opencc

    s2tw = opencc.OpenCC("s2tw")
    for spot in S2TW_EXCEPTIONS:
        assert s2tw.convert(spot) != spot, f"{spot}: s2tw no longer changes it, drop the exception"
    sources = _simplified_sources()
    assert len(sources) > 30 and all(sources.values()), {k: len(v) for k, v in sources.items()}
    found = []
    for name, texts in sources.items():
        for text in texts:
            converted = hant.convert(text)
            for spot in S2TW_EXCEPTIONS:
                converted = converted.replace(spot, "<ok>")
            again = s2tw.convert(converted)
            if again != converted:
                blocks = difflib.SequenceMatcher(None, converted, again, autojunk=False).get_opcodes()
                found += [
                    f"{name}: …{converted[max(0, a1 - 8) : a2 + 8]}… → {again[b1:b2]!r}"
                    for op, a1, a2, b1, b2 in blocks
                    if op != "equal"
                ]
    assert found == [], "\n".join(found)


# ---------------------------------------------------------------- the zh-Hant site


def _i18n_languages() -> dict[str, dict]:
    import yaml

    from helpers import ROOT

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {lang["locale"]: lang for lang in i18n["languages"]}


def test_mkdocs_yml_strings_of_zh_hant_are_the_conversion_of_zh():
    langs = _i18n_languages()
    zh, hant_ = langs["zh"], langs["zh-Hant"]
    assert hant_["name"] == "繁體中文"
    for key in ("site_name", "site_description", "copyright"):
        assert hant_[key] == hant.convert(zh[key]), key
    assert hant_["nav_translations"] == {k: hant.convert(v) for k, v in zh["nav_translations"].items()}
    toggles = [t["toggle"]["name"] for t in hant_["theme"]["palette"]]
    assert toggles == [hant.convert(t["toggle"]["name"]) for t in zh["theme"]["palette"]]


def test_converted_page_source_is_written_outside_docs(tmp_path):
    from lastlayer import converted

    docs = tmp_path / "docs"
    (docs / "notebooks").mkdir(parents=True)
    (docs / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / "page.zh.md").write_text("# 全连接层\n\n“概率”\n", encoding="utf-8")
    (docs / "notebooks" / "nb.py").write_text("# %%\nprint('x')\n", encoding="utf-8")
    (docs / "notebooks" / "nb.zh.py").write_text("# %%\nprint('概率')\n", encoding="utf-8")
    path = converted.write(docs, "page.md", "zh-Hant")
    assert path.name == "page.zh-Hant.md" and docs not in path.parents
    assert path.read_text(encoding="utf-8") == "# 全連接層\n\n「機率」\n"
    mtime = path.stat().st_mtime_ns
    assert converted.write(docs, "page.md", "zh-Hant").stat().st_mtime_ns == mtime, "unchanged: not rewritten"
    [nb] = converted.notebooks(docs, "notebooks")
    assert nb.name == "nb.zh-Hant.py" and "print('機率')" in nb.read_text(encoding="utf-8")


def test_figure_texts_are_converted_before_saving():
    """A zh-Hant figure is drawn from the zh labels and every text, tick labels included, converted."""
    import matplotlib.pyplot as plt

    from lastlayer import figures, style

    with style.themed("zh-Hant", "light"):
        fig, ax = plt.subplots()
        ax.set_title("全连接层的概率")
        ax.set_xticks([0, 1], ["数据", "网络"])
        ax.legend(ax.plot([0, 1], label="参数"), ["参数"])
        ax.annotate("“像素”", (0.5, 0.5))
        figures.convert_texts(fig, "zh-Hant")
        fig.canvas.draw()
        texts = [t.get_text() for t in fig.findobj(plt.Text) if t.get_text()]
        family = ax.title.get_fontfamily()
        plt.close(fig)
    assert "全連接層的機率" in texts and "資料" in texts and "網路" in texts and "參數" in texts
    assert "「像素」" in texts
    assert not any(ch in "".join(texts) for ch in "连层据网络数参"), texts
    assert family[0] == "Noto Sans TC"


def test_zh_hant_figures_use_the_traditional_font_and_zh_the_simplified():
    from lastlayer import style

    assert style.cjk_font_path("zh-Hant").name.startswith("NotoSansTC")
    assert style.cjk_font_path("zh").name.startswith("NotoSansSC")
    assert style.rc("zh-Hant", "light")["font.family"][0] == "Noto Sans TC"
    assert style.rc("zh", "dark")["font.family"][0] == "Noto Sans SC"


def test_figure_captions_exist_in_zh_hant():
    from helpers import ROOT
    from lastlayer import figures

    meta = figures.load_meta(ROOT / "figures" / "network_diagram.py")
    assert meta.caption["zh-Hant"] == hant.convert(meta.caption["zh"])
    assert meta.alt["zh-Hant"] == hant.convert(meta.alt["zh"]) and meta.title["zh-Hant"]


@pytest.mark.build
def test_the_built_traditional_site_leaves_nothing_for_plain_s2tw(site):
    """Every zh-Hant page as built, the theme's own strings (menus, search, copy button, the
    scripts' translations) and the search index included: plain s2tw finds nothing left to
    convert, the reviewed exceptions aside."""
    import html as html_module

    import opencc

    s2tw = opencc.OpenCC("s2tw")
    tag = re.compile(r"<[^>]+>")
    texts = {}
    for page in sorted((site / "zh-Hant").rglob("*.html")):
        raw = page.read_text(encoding="utf-8")
        raw = re.sub(r"<style.*?</style>", " ", raw, flags=re.S)
        # A figure's page quotes the repository's code as it is (hooks/figure_pages.py): its
        # FIGURE dict holds the texts of each language with sources, Simplified Chinese among them.
        raw = re.sub(r'<section class="ll-source".*?</section>', " ", raw, flags=re.S)
        # The theme's strings for its scripts (search results, copy button) are JSON escapes.
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', raw, re.S)
        assert config, page
        strings = " ".join(json.loads(config[1])["translations"].values())
        assert "個" in strings or "个" in strings, "the search strings are where the test looks"
        texts[str(page.relative_to(site))] = html_module.unescape(tag.sub(" ", raw)) + " " + strings
    index = site / "search" / "search_index.zh-Hant.json"
    texts["search_index.zh-Hant.json"] = index.read_text(encoding="utf-8")
    assert len(texts) > 20
    found = []
    for name, text in texts.items():
        # Without spaces: the search index splits words apart (jieba's separators).
        chinese = re.sub(r"[\s\u200b]+", "", text)
        for spot in S2TW_EXCEPTIONS:
            chinese = chinese.replace(spot, " " * len(spot))
        again = s2tw.convert(chinese)
        found += [
            f"{name}: {a!r}→{b!r} in …{chinese[max(0, i - 6) : i + 6].strip()}…"
            for i, (a, b) in enumerate(zip(chinese, again, strict=True))
            if a != b
        ]
    assert found == [], "\n".join(found[:30])
